"""The Chinese translation ships complete: every entry finished and compiled into the .qm."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtCore import QTranslator

from desktop_hr.views import i18n

REPO = Path(__file__).resolve().parents[2]


def load_i18n_tool() -> object:
    spec = importlib.util.spec_from_file_location("i18n_tool", REPO / "tools" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_qm_exists_and_ts_has_no_unfinished_entries() -> None:
    tool = load_i18n_tool()
    ts = REPO / "resources" / "translations" / "desktop_hr_zh_CN.ts"
    assert i18n.qm_path("zh_CN").exists()
    assert ts.exists()
    assert "unfinished" not in ts.read_text(encoding="utf-8")
    assert tool.unfinished(ts) == []  # type: ignore[attr-defined]


def test_qm_translates_the_vocabulary() -> None:
    translator = QTranslator()
    assert translator.load(str(i18n.qm_path("zh_CN")))
    assert translator.translate("MainWindow", "Employees") == "员工档案"
    assert translator.translate("EmployeeTableModel", "Employee No") == "工号"
    assert translator.translate("ImportDialog", "Download template…") == "下载模板…"


def test_every_tr_string_in_the_views_is_in_the_ts() -> None:
    """A string added to a view without running tools/i18n.py would show in English."""
    import ast

    ts = (REPO / "resources" / "translations" / "desktop_hr_zh_CN.ts").read_text(encoding="utf-8")
    import xml.etree.ElementTree as ET

    sources = {m.findtext("source") for m in ET.fromstring(ts).iter("message")}
    missing = []
    for path in (REPO / "desktop_hr" / "views").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            args = node.args
            if name == "tr" and args and isinstance(args[0], ast.Constant):
                text = args[0].value
            elif name == "translate" and len(args) >= 2 and isinstance(args[1], ast.Constant):
                text = args[1].value
            else:
                continue
            if text not in sources:
                missing.append(f"{path.name}: {text!r}")
    assert missing == []
