"""Each questionnaire kind's own rules for its definitions, one module per kind, behind one interface.

The structure each kind allows (its fields) is in the JSON Schema; what a kind's module checks here is
what a schema cannot say, such as the order of thresholds or the shape of the risk matrix. Keyed like
:data:`pyscript_tools.engine.kinds.KINDS`: a new kind is one module there (scoring) and one here (its rules).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from . import readiness, risk, workbook

if TYPE_CHECKING:
    from ..validate import Definition


class KindRules(Protocol):
    def check(self, definition: Definition) -> None:
        """Report (``definition.fail``) what a definition of this kind must also satisfy."""


RULES: dict[str, KindRules] = {"readiness": readiness, "risk": risk, "workbook": workbook}
