from cortesia.reports.models.facts import TicketFact, TicketMoment, TicketTagFact
from cortesia.reports.models.money import AcquisitionSpend, ExchangeRate
from cortesia.reports.models.order_links import OrderLink
from cortesia.reports.models.settings import ReportSettings, WeeklyReportSubscription
from cortesia.reports.models.stale import StaleTicket
from cortesia.reports.models.tallies import TicketTally

__all__ = [
    "AcquisitionSpend",
    "ExchangeRate",
    "OrderLink",
    "ReportSettings",
    "StaleTicket",
    "TicketFact",
    "TicketMoment",
    "TicketTagFact",
    "TicketTally",
    "WeeklyReportSubscription",
]
