"""Organisation forms screen (advice 7): the mix of the three archetypes and why."""

from __future__ import annotations

from collections.abc import Iterable

from textual.widget import Widget

from dtworkshop.core.canvases.organisation_forms import FORMS, OrganisationForms
from dtworkshop.ui.canvases.base import CanvasScreen, section
from dtworkshop.ui.widgets.fields import Hint, NotesField, NumberField, block, row


class OrganisationFormsScreen(CanvasScreen):
    """Percent per form (warned when the mix is not 100) and the rationale."""

    CANVAS = "organisation_forms"
    data: OrganisationForms

    def fields(self) -> Iterable[Widget]:
        t, of = self.t, self.data
        yield section(t("canvas.organisation_forms.mix"))
        yield Hint(t("guide.organisation_forms.mix"))
        for form in FORMS:
            yield row(t(f"form.{form}"),
                      NumberField(getattr(of, form), self.setter(form), id=form, classes="percent"))
            g = f"guide.organisation_forms.{form}"
            yield Hint(f"+ {t(f'{g}.pros')}\n− {t(f'{g}.cons')}\n{t(f'{g}.chain_name')}:\n{t(f'{g}.chain')}")
        yield block(t("canvas.organisation_forms.rationale"), NotesField(of.rationale, self.setter("rationale"), id="rationale"))
        yield Hint(t("guide.organisation_forms.case"))  # the source's case, told
