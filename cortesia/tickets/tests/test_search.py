"""The full-text search of tickets: folding, stemming, scope, index upkeep, ranking and
passages. Runs on SQLite and PostgreSQL; stemming beyond English is PostgreSQL's."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from cortesia.accounts.models import Role, Team, User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.testing.fixtures import make_user
from cortesia.tickets import search
from cortesia.tickets.merging import ticket_merge
from cortesia.tickets.models import Ticket, TicketSearchDocument
from cortesia.tickets.search import snippet, ticket_search
from cortesia.tickets.search_index import search_query_parse
from cortesia.tickets.selectors import TicketFilters
from cortesia.tickets.services import (
    MessageData,
    TicketChanges,
    TicketData,
    message_add,
    ticket_create,
    ticket_update,
)

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stemming beyond English is PostgreSQL's"
)


@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Giulia", surname="Rossi", country="IT", language="it"),
        actor=Actor.system(),
    )


def _open(customer: Customer, team: Team | None, subject: str, body: str, **extra: Any) -> Ticket:
    return ticket_create(
        data=TicketData(
            subject=subject,
            customer=customer,
            team=team,
            message=MessageData(body_text=body, author_kind="customer"),
            **{"language": "it", **extra},
        ),
        actor=Actor.system(),
    )


def _found(viewer: User, text: str, **filters: str) -> list[str]:
    results = ticket_search(viewer=viewer, text=text, filters=TicketFilters(**filters))
    return [hit.ticket.subject for hit in results.hits]


# --- Reading a query ------------------------------------------------------------------------

QUERIES = [
    ("words", "Rimborso  ordine", ("rimborso", "ordine"), (), True),
    ("phrase", '"non è arrivato" pacco', ("non e arrivato", "pacco"), (), True),
    ("phrase last", 'pacco "non è"', ("pacco", "non e"), (), False),
    ("excluded", "rimborso -fattura", ("rimborso",), ("fattura",), True),
    ("only excluded", "-fattura", (), ("fattura",), False),
    ("punctuation only", "?! --", (), (), False),
    ("arabic folded", "إدارةُ", ("اداره",), (), True),
]


@pytest.mark.parametrize(
    ("_case", "text", "terms", "excluded", "last_is_prefix"), QUERIES, ids=[c[0] for c in QUERIES]
)
def test_a_query_is_read_into_terms_phrases_and_exclusions(
    _case: str, text: str, terms: tuple[str, ...], excluded: tuple[str, ...], last_is_prefix: bool
) -> None:
    query = search_query_parse(text)
    assert (query.terms, query.excluded, query.last_is_prefix) == (terms, excluded, last_is_prefix)


ODD = ['"', "*", "AND OR NOT", 'NEAR("a" "b")', "'", "\\", "a:b & c | !d", "l'ordine", "(", "-"]


@pytest.mark.parametrize("text", ODD)
def test_any_text_is_a_valid_search(
    text: str, alice: User, giulia: Customer, team_rome: Team
) -> None:
    _open(giulia, team_rome, "Ordine", "l'ordine è partito")
    results = ticket_search(viewer=alice, text=text)
    assert results.count in (0, 1)


def test_a_long_query_keeps_its_first_words() -> None:
    query = search_query_parse(" ".join(f"parola{n}" for n in range(40)))
    assert (len(query.terms), query.terms[-1], query.last_is_prefix) == (16, "parola15", False)


# --- Folding -----------------------------------------------------------------------------------


def test_accents_and_case_do_not_matter(alice: User, giulia: Customer, team_rome: Team) -> None:
    _open(giulia, team_rome, "Consegna in città", "Il corriere è in ritardo.")
    _open(giulia, team_rome, "Altro", "Niente di nuovo.")
    assert _found(alice, "citta") == ["Consegna in città"]
    assert _found(alice, "CITTÀ") == ["Consegna in città"]
    assert _found(alice, "corriere E") == ["Consegna in città"]  # "è" and a prefix


ARABIC = [
    ("alef with hamza above", "أسرة", "اسره"),
    ("alef with hamza below", "إدارة", "اداره"),
    ("alef with madda", "آمال", "امال"),
    ("ta marbuta", "فاتورة", "فاتوره"),
    ("diacritics", "مُحَمَّد", "محمد"),
    ("tatweel", "مـحـمـد", "محمد"),
    ("typed with diacritics", "محمد", "مُحَمَّد"),
]


@pytest.mark.parametrize(("_case", "written", "typed"), ARABIC, ids=[c[0] for c in ARABIC])
def test_arabic_letter_forms_diacritics_and_tatweel_are_folded(
    _case: str, written: str, typed: str, charlie: User, giulia: Customer, team_riyadh: Team
) -> None:
    _open(giulia, team_riyadh, "طلب", f"مرحبا {written} شكرا", language="ar")
    assert _found(charlie, typed) == ["طلب"]


def test_bulgarian_is_found_in_any_case(alice: User, giulia: Customer, team_rome: Team) -> None:
    _open(giulia, team_rome, "Поръчка", "ДОСТАВКАТА закъснява", language="bg")
    assert _found(alice, "доставката") == ["Поръчка"]


# --- Stemming ----------------------------------------------------------------------------------


def test_english_words_are_stemmed(alice: User, giulia: Customer, team_rome: Team) -> None:
    # FTS5's Porter stemmer and PostgreSQL's english configuration both
    _open(giulia, team_rome, "Order", "It shipped a week ago.", language="en")
    assert _found(alice, "shipping") == ["Order"]


@on_postgresql
@pytest.mark.parametrize(
    ("language", "written", "typed"),
    [
        ("it", "La spedizione è partita.", "spedizioni"),
        ("fi", "Lasku lähetettiin uudelleen.", "laskut"),
        ("ro", "Facturile au sosit ieri.", "factura"),
    ],
    ids=["italian", "finnish", "romanian"],
)
def test_words_are_stemmed_in_the_tickets_language(
    language: str, written: str, typed: str, alice: User, giulia: Customer, team_rome: Team
) -> None:
    _open(giulia, team_rome, "Richiesta", written, language=language)
    document = TicketSearchDocument.objects.get()
    assert document.config == {"it": "italian", "fi": "finnish", "ro": "romanian"}[language]
    assert _found(alice, typed.split()[0]) == ["Richiesta"]


@on_postgresql
def test_an_english_ticket_is_not_stemmed_as_italian(
    alice: User, giulia: Customer, team_rome: Team
) -> None:
    _open(giulia, team_rome, "Shipping", "It shipped.", language="en")
    assert TicketSearchDocument.objects.get().config == "english"
    assert _found(alice, "ship") == ["Shipping"]


@on_postgresql
def test_a_prefix_is_read_unstemmed(alice: User, giulia: Customer, team_rome: Team) -> None:
    # Finnish stems "ordine" to "ord": as a prefix that would find every English "order"
    _open(giulia, team_rome, "English", "Where is my order?", language="en")
    _open(giulia, team_rome, "Italiano", "Il mio ordine è fermo.")
    assert _found(alice, "ordine") == ["Italiano"]
    assert _found(alice, "ordi") == ["Italiano"]
    assert sorted(_found(alice, "ord")) == ["English", "Italiano"]


# --- Scope -----------------------------------------------------------------------------------


def test_another_teams_text_is_never_found_nor_counted(
    alice: User, charlie: User, admin_user: User, giulia: Customer, team_rome: Team,
    team_riyadh: Team,
) -> None:  # fmt: skip
    # given: the same word in a Rome ticket's note and in a Riyadh ticket
    mine = _open(giulia, team_rome, "Pacco", "Dov'è il pacco?")
    message_add(
        ticket=mine,
        data=MessageData(body_text="Nota: rimborso approvato", kind="note"),
        actor=Actor(user=alice),
    )
    _open(giulia, team_riyadh, "Segreto", "rimborso riservato")
    _open(giulia, None, "Senza squadra", "rimborso in attesa")
    # when / then: each sees only their own scope, in results and in the count
    assert _found(alice, "rimborso") == ["Pacco"]
    assert ticket_search(viewer=alice, text="riservato").count == 0
    assert _found(charlie, "rimborso") == ["Segreto"]
    assert sorted(_found(admin_user, "rimborso")) == ["Pacco", "Segreto", "Senza squadra"]
    manager = make_user("marta", Role.MANAGER)
    assert _found(manager, "rimborso") == ["Senza squadra"]  # triage: no team yet


def test_someone_who_does_not_work_tickets_finds_nothing(giulia: Customer, team_rome: Team) -> None:
    _open(giulia, team_rome, "Pacco", "rimborso")
    marketer = make_user("mario", Role.MARKETER)
    assert ticket_search(viewer=marketer, text="rimborso").count == 0


def test_filters_narrow_a_search(alice: User, giulia: Customer, team_rome: Team) -> None:
    _open(giulia, team_rome, "Urgente", "rimborso", priority="urgent", tags=["vip"])
    solved = _open(giulia, team_rome, "Risolto", "rimborso")
    Ticket.objects.filter(pk=solved.pk).update(status="solved")
    assert sorted(_found(alice, "rimborso")) == ["Risolto", "Urgente"]  # every status
    assert _found(alice, "rimborso", priority="urgent") == ["Urgente"]
    assert _found(alice, "rimborso", tag="VIP") == ["Urgente"]
    assert _found(alice, "rimborso", status="solved") == ["Risolto"]
    assert _found(alice, "rimborso", team=str(team_rome.uid), priority="low") == []


# --- Keeping the index --------------------------------------------------------------------------


def test_later_messages_subject_and_team_changes_are_indexed(
    alice: User, charlie: User, giulia: Customer, team_rome: Team, team_riyadh: Team
) -> None:
    ticket = _open(giulia, team_rome, "Fattura", "Manca la fattura.")
    message_add(
        ticket=ticket, data=MessageData(body_text="Allego lo scontrino."), actor=Actor(user=alice)
    )
    assert _found(alice, "scontrino") == ["Fattura"]
    ticket_update(
        ticket=ticket,
        changes=TicketChanges(subject="Ricevuta"),
        expected_version=None,
        actor=Actor(user=alice),
    )
    assert _found(alice, "ricevuta") == ["Ricevuta"]
    assert _found(alice, "fattura") == ["Ricevuta"]  # still in its first message
    ticket_update(
        ticket=ticket,
        changes=TicketChanges(team=team_riyadh),
        expected_version=None,
        actor=Actor.system(),
    )
    assert _found(alice, "scontrino") == []
    assert _found(charlie, "scontrino") == ["Ricevuta"]


def test_a_merge_moves_the_words_with_the_messages(
    alice: User, giulia: Customer, team_rome: Team
) -> None:
    source = _open(giulia, team_rome, "Primo", "scontrino smarrito")
    target = _open(giulia, team_rome, "Secondo", "altro")
    ticket_merge(source=source, target=target, actor=Actor(user=alice))
    assert _found(alice, "smarrito") == ["Secondo"]


def test_the_rebuild_command_indexes_tickets_the_index_lacks(
    alice: User, giulia: Customer, team_rome: Team
) -> None:
    _open(giulia, team_rome, "Vecchio", "scontrino")
    with connection.cursor() as cursor:  # as before the index existed
        cursor.execute(
            "DELETE FROM tickets_ticketsearchdocument"
            if connection.vendor == "postgresql"
            else "DELETE FROM tickets_search_fts"
        )
    assert _found(alice, "scontrino") == []
    call_command("search_index_rebuild", "--batch", "1", verbosity=0)
    assert _found(alice, "scontrino") == ["Vecchio"]


# --- Ranking, passages, pages --------------------------------------------------------------------


def test_a_subject_match_ranks_first_and_phrases_match_in_order(
    alice: User, giulia: Customer, team_rome: Team
) -> None:
    _open(giulia, team_rome, "Ordine", "Il rimborso del pacco rotto.")
    _open(giulia, team_rome, "Rimborso", "Nulla.")
    _open(giulia, team_rome, "Arrivato", "rotto il pacco: rimborso")
    assert _found(alice, "rimborso")[0] == "Rimborso"
    assert _found(alice, '"pacco rotto"') == ["Ordine"]
    assert sorted(_found(alice, "rimborso -nulla")) == ["Arrivato", "Ordine"]


def test_the_passage_is_escaped_but_for_its_marks(
    alice: User, giulia: Customer, team_rome: Team
) -> None:
    _open(giulia, team_rome, "Pagina", "Vedo <script>alert(1)</script> e nessun rimborso & altro")
    [hit] = ticket_search(viewer=alice, text="rimborso").hits
    assert hit.snippet == (
        "Vedo &lt;script&gt;alert(1)&lt;/script&gt; e nessun <mark>rimborso</mark> &amp; altro"
    )


def test_a_passage_is_cut_around_the_first_match_and_marks_its_forms() -> None:
    text = ("parola " * 30) + "Le spedizioni e la spedizione." + (" fine" * 60)
    passage = snippet(text, search_query_parse("spedizioni").words)
    assert passage.startswith("…parola")
    assert "Le <mark>spedizioni</mark> e la <mark>spedizione</mark>." in passage
    assert passage.endswith("…")
    assert snippet("niente qui", ["rimborso"]) == ""


def test_results_come_in_pages_and_counts_stop_at_the_cap(
    alice: User, giulia: Customer, team_rome: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    for index in range(5):
        _open(giulia, team_rome, f"Pacco {index}", "rimborso")
    first = ticket_search(viewer=alice, text="rimborso", page_size=2)
    last = ticket_search(viewer=alice, text="rimborso", page=3, page_size=2)
    assert (first.count, first.page, first.has_next, len(first.hits)) == (5, 1, True, 2)
    assert (last.page, last.has_next, len(last.hits)) == (3, False, 1)
    beyond = ticket_search(viewer=alice, text="rimborso", page=99, page_size=2)
    assert beyond.page == 3
    monkeypatch.setattr(search, "SEARCH_CAP", 3)
    capped = ticket_search(viewer=alice, text="rimborso", page_size=2)
    assert (capped.count, capped.is_capped) == (4, True)


def test_a_search_costs_three_queries(
    alice: User,
    giulia: Customer,
    team_rome: Team,
    django_assert_num_queries: Any,
) -> None:
    for index in range(3):
        _open(giulia, team_rome, f"Pacco {index}", "rimborso")
    alice.refresh_from_db()
    # the teams of alice, the matches (up to the cap), the page ranked, the passages
    with django_assert_num_queries(4):
        results = ticket_search(viewer=alice, text="rimborso")
    assert len(results.hits) == 3
