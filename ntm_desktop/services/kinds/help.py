"""Help received: the ledger kind with item lines, supporter links and evidence files."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from operator import attrgetter
from typing import Any, ClassVar

from sqlalchemy.orm import Session

from ntm_desktop.core.changes import Kind
from ntm_desktop.core.compat import FormatVersion
from ntm_desktop.core.errors import Problem
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import name_key
from ntm_desktop.db import models as m
from ntm_desktop.db.bulk import Lines
from ntm_desktop.services.kinds.context import CheckContext
from ntm_desktop.services.kinds.fields import NO_DATE, Fields, changed, put
from ntm_desktop.services.kinds.store import (
    BulkChildren,
    Children,
    Columns,
    Doc,
    Span,
    Store,
    child,
    one_row,
    rows_of,
)
from ntm_desktop.services.ledger import checks
from ntm_desktop.services.ledger.values import Help, HelpDraft, ItemDraft
from ntm_desktop.services.progress_values import to_json_value

_OWN = ("date", "title", "description", "village", "households", "persons", "funding_source")
"""A help row's columns that are the draft's fields as they are (criteria is a list on the row)."""
_ITEM_COLUMNS = ("kind", "name", "quantity", "unit", "value_vnd")


_ITEM_VALUES = attrgetter(*_ITEM_COLUMNS)
"""An item line's values of :data:`_ITEM_COLUMNS`, in that order."""
_LINK = ("supporter_uid",)


def _link(uid: str) -> tuple[str]:
    """A supporter link's values of :data:`_LINK`: the supporter's uid."""
    return (uid,)


def _own_columns(drafts: Sequence[HelpDraft]) -> Columns:
    """The help rows' own columns (:meth:`HelpStore.column_lists`)."""
    own = {name: list(map(attrgetter(name), drafts)) for name in _OWN}
    lists: dict[tuple[str, ...], list[str]] = {}  # one list for the rows with the same codes
    own["criteria"] = [
        lists.get(d.criteria) or lists.setdefault(d.criteria, list(d.criteria)) for d in drafts
    ]
    return own


def _bulk_columns(drafts: Sequence[HelpDraft]) -> tuple[Columns, list[Any], list[Any]]:
    """:func:`_own_columns` with each row's criteria as the draft's tuple of codes, for a bulk insert
    (which writes a tuple of codes as the JSON list it is: :func:`ntm_desktop.db.bulk.insert_columns`
    converts each distinct tuple once, found by its codes, without a list made for each row), and each
    draft's item lines and supporters: all read in one pass over the drafts, then taken by column."""
    if not drafts:
        return {name: [] for name in _BULK}, [], []
    columns = list(map(list, zip(*map(_BULK_VALUES, drafts), strict=True)))
    supporters, items = columns.pop(), columns.pop()
    return dict(zip(_BULK, columns, strict=True)), items, supporters


_BULK = (*_OWN, "criteria")
_BULK_VALUES = attrgetter(*_BULK, "items", "supporters")


def bulk_lists_of(
    own: Columns, items: Sequence[Sequence[ItemDraft]], supporters: Sequence[Sequence[str]]
) -> tuple[Columns, BulkChildren]:
    """:meth:`HelpStore.bulk_lists` of records given column by column: their own columns (criteria as
    tuples of codes), each one's item lines and supporters (the typed lane gives them so, without drafts:
    :func:`~ntm_desktop.services.kinds.help_fast.columns_of`)."""
    return own, {
        m.HelpItem: Lines("help_uid", "position", _ITEM_COLUMNS, items, _ITEM_VALUES),
        m.HelpSupporter: Lines("help_uid", "position", _LINK, supporters, _link),
    }


class HelpStore(Store[HelpDraft, Help]):
    list_name, entity, kind, model = "help", "help", Kind.HELP, m.Help
    evidence_owner = "help"
    correctable = True
    fields = frozenset(
        {
            "id",
            "date",
            "supporters",
            "title",
            "description",
            "village",
            "criteria",
            "beneficiaries",
            "funding_source",
            "items",
        }
    )
    required = frozenset({"id", "date", "supporters", "title", "items"})
    added_fields: ClassVar[Mapping[str, FormatVersion]] = {"funding_source": FormatVersion(1, 1)}

    def label(self) -> str:
        return tr("Help received")

    def read(self, o: Fields) -> HelpDraft:
        beneficiaries = o.child("beneficiaries")
        households = persons = None
        if beneficiaries is not None:
            beneficiaries.shape({"households", "persons"}, set())
            households, persons = beneficiaries.whole("households"), beneficiaries.whole("persons")
        return HelpDraft(
            date=o.day("date") or NO_DATE,
            title=o.text("title"),
            supporters=o.texts("supporters"),
            items=tuple(_items(o)),
            description=o.text("description"),
            village=o.text("village"),
            criteria=o.texts("criteria"),
            households=households,
            persons=persons,
            funding_source=o.text("funding_source"),
        )

    def check(
        self, draft: HelpDraft, at: str = "", context: CheckContext | None = None
    ) -> tuple[HelpDraft, list[Problem]]:
        return checks.check_help(draft, at)

    def refs(self, draft: HelpDraft) -> list[tuple[str, str]]:
        return [(f"supporters[{i}]", uid) for i, uid in enumerate(draft.supporters)]

    def ref_ids(self, draft: HelpDraft) -> tuple[str, ...]:
        return draft.supporters

    def relink(self, draft: HelpDraft, ids: Mapping[str, str]) -> HelpDraft:
        return changed(draft, supporters=tuple([ids.get(x, x) for x in draft.supporters]))

    def relink_each(self, drafts: Sequence[HelpDraft], ids: Mapping[str, str]) -> list[HelpDraft]:
        """As :meth:`relink` for each draft, each distinct list of supporters mapped once."""
        mapped: dict[tuple[str, ...], tuple[str, ...]] = {}
        out = []
        for draft in drafts:
            uids = mapped.get(draft.supporters)
            if uids is None:
                uids = mapped[draft.supporters] = tuple([ids.get(x, x) for x in draft.supporters])
            new = object.__new__(type(draft))  # ``changed(draft, supporters=uids)``, a field it has
            fields = vars(new)
            fields.update(vars(draft))
            fields["supporters"] = uids
            out.append(new)
        return out

    def columns(self, draft: HelpDraft) -> Doc:
        """The help row's own columns: what :meth:`write` puts on a row and a bulk insert takes as is."""
        return one_row(self.column_lists([draft])[0])

    def child_rows(self, draft: HelpDraft) -> dict[Any, list[Doc]]:
        """A new record's item lines and supporter links, as :meth:`write` makes them for a new row."""
        return rows_of(self.column_lists([draft])[1])

    def column_lists(self, drafts: Sequence[HelpDraft]) -> tuple[Columns, Children]:
        own = _own_columns(drafts)
        items = [it for d in drafts for it in d.items]
        item_columns = {name: list(map(attrgetter(name), items)) for name in _ITEM_COLUMNS}
        item_columns["position"] = [i for d in drafts for i in range(len(d.items))]
        links: Columns = {
            "supporter_uid": [uid for d in drafts for uid in d.supporters],
            "position": [i for d in drafts for i in range(len(d.supporters))],
        }
        return own, {
            m.HelpItem: ("help_uid", [n for n, d in enumerate(drafts) for _ in d.items], item_columns),
            m.HelpSupporter: ("help_uid", [n for n, d in enumerate(drafts) for _ in d.supporters], links),
        }

    def bulk_lists(self, drafts: Sequence[HelpDraft]) -> tuple[Columns, BulkChildren]:
        """:meth:`column_lists` with the item lines and supporter links as lines: a commune's thousand
        item lines are a few dozen distinct ones, each converted and checked once."""
        return bulk_lists_of(*_bulk_columns(drafts))

    def write(self, s: Session, row: Any, draft: HelpDraft) -> None:
        own, children = self.column_lists([draft])
        for name, value in one_row(own).items():
            setattr(row, name, value)
        row.items = [child(row, m.HelpItem, **values) for values in rows_of(children)[m.HelpItem]]
        self._link(row, draft.supporters)

    @staticmethod
    def _link(row: Any, uids: tuple[str, ...]) -> None:
        """Keep existing links (same primary key) and only add or drop the difference."""
        existing = {link.supporter_uid: link for link in row.supporter_links}
        links = []
        for position, uid in enumerate(uids):
            link = existing.get(uid) or child(row, m.HelpSupporter, supporter_uid=uid)
            link.position = position
            links.append(link)
        row.supporter_links = links

    def views(self, s: Session, rows: Sequence[Any]) -> list[Help]:
        from ntm_desktop.services.ledger.help_read import help_views_of

        return help_views_of(s, [r.uid for r in rows])

    def all_views(self, s: Session, code: str) -> list[Help]:
        from ntm_desktop.services.ledger.help_read import help_views

        return help_views(s, [m.Help.unit_code == code, m.Help.deleted_at.is_(None)])

    def doc(self, draft: HelpDraft, ids: Mapping[str, str]) -> Doc:
        doc: Doc = {
            "date": draft.date.isoformat(),
            "supporters": [ids.get(uid, uid) for uid in draft.supporters],
            "title": draft.title,
        }
        put(doc, "description", draft.description)
        put(doc, "village", draft.village)
        put(doc, "criteria", list(draft.criteria))
        beneficiaries: Doc = {}
        put(beneficiaries, "households", draft.households)
        put(beneficiaries, "persons", draft.persons)
        put(doc, "beneficiaries", beneficiaries)
        put(doc, "funding_source", draft.funding_source)
        doc["items"] = [
            {
                "kind": i.kind,
                "name": i.name,
                "quantity": to_json_value(i.quantity),
                "unit": i.unit,
                "value_vnd": i.value_vnd,
            }
            for i in draft.items
        ]
        return doc

    def sort_key(self, view: Help) -> tuple[Any, ...]:
        return (view.date, name_key(view.title), view.record_id)

    def title(self, view: Help) -> str:
        return f"{view.date.strftime('%d/%m/%Y')} · {view.title}"

    def span(self, record: Any) -> Span | None:
        day = record.date
        return (day.year, day.year) if isinstance(day, date) and day != NO_DATE else None

    def criteria_named(self, draft: HelpDraft) -> tuple[object, Sequence[str]]:
        return draft.date, draft.criteria


def _items(o: Fields) -> list[ItemDraft]:
    raw = o.d.get("items")
    if raw is None:
        return []
    if not isinstance(raw, list):
        o.fail("items", tr("must be a list"))
        return []
    items = []
    for i, data in enumerate(raw):
        at = f"{o.path('items')}[{i}]"
        if not isinstance(data, dict):
            o.problems.append(Problem(at, tr("must be an object")))
            continue
        it = o.nested(data, at)
        it.shape(_ITEM, _ITEM_REQUIRED)
        quantity = it.number("quantity")
        if quantity is None and "quantity" in data:
            it.fail("quantity", tr("must be a number ≥ 0"))
        value = it.whole_money("value_vnd")
        items.append(
            ItemDraft(
                kind=it.text("kind"),
                quantity=quantity if quantity is not None else Decimal(0),
                unit=it.text("unit"),
                name=it.text("name"),
                value_vnd=value,
            )
        )
    return items


_ITEM, _ITEM_REQUIRED = {"kind", "name", "quantity", "unit", "value_vnd"}, {"kind", "quantity", "unit"}


HELP = HelpStore()
