"""The customers app's tables, one module per entity group."""

from cortesia.customers.models.consents import ConsentRecord
from cortesia.customers.models.contact import ContactPolicy
from cortesia.customers.models.fields import CustomField
from cortesia.customers.models.imports import CustomerImport
from cortesia.customers.models.orders import (
    CustomerOrderStats,
    Order,
    OrderLine,
    OrderStatsState,
)
from cortesia.customers.models.profiles import (
    Customer,
    CustomerEmail,
    CustomerEvent,
    CustomerExternalId,
    CustomerPhone,
    CustomerTag,
    Organization,
)
from cortesia.customers.models.segments import Segment

__all__ = [
    "ConsentRecord",
    "ContactPolicy",
    "CustomField",
    "Customer",
    "CustomerEmail",
    "CustomerEvent",
    "CustomerExternalId",
    "CustomerImport",
    "CustomerOrderStats",
    "CustomerPhone",
    "CustomerTag",
    "Order",
    "OrderLine",
    "OrderStatsState",
    "Organization",
    "Segment",
]
