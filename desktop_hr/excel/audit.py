"""The audit trail to .xlsx: one row per entry, people and sessions by name, its changes as "field: before →
after" lines with the fields' labels."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from desktop_hr.db import Database
from desktop_hr.excel import writer
from desktop_hr.excel.spec import Progress
from desktop_hr.excel.writer import CellValue
from desktop_hr.services.labels import table_label
from desktop_hr.services.trust import audit, audit_names
from desktop_hr.services.trust.permissions import Permission, require

HEADERS = ["序号", "时间", "账号", "操作", "对象", "记录", "说明", "变更（前 → 后）", "原因", "校验值"]


def export_audit(db: Database, path: Path, query: audit.AuditQuery, progress: Progress | None = None) -> int:
    """Every matching entry, oldest first, times local. The export itself is recorded in the trail.

    Only accounts that may read the trail (administrators, auditors) may export it.
    """
    require(db.principal, Permission.READ_AUDIT)
    with db.read_session() as session:
        total = audit.count(session, query)
        hashes = audit.hashes(session, query)
        cells: Iterator[list[CellValue]] = (
            [
                row.id,
                row.local_time(),
                row.account,
                audit.action_label(row.action),
                table_label(row.table_name) if row.table_name else "",
                row.shown_record(),
                row.shown_summary(),
                "\n".join(row.change_lines()),
                row.reason,
                hashes.get(row.id, ""),
            ]
            for row in audit_names.named(session, audit.iter_rows(session, query))
        )
        written = writer.write_table(
            Path(path), HEADERS, cells, sheet_title="审计记录", total=total, progress=progress
        )
    audit.note_export(db, table_label("audit_entry"), path, written, table_name="audit_entry")
    return written
