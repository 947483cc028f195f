"""`verify`: a certificate checked with only the office's public key file (`--key`, no database, no
account), or against this office's database (serial and code, or the scanned QR text)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_hr import messages
from desktop_hr.cli.texts import EXIT_INPUT_ERRORS, EXIT_OK, EXIT_USAGE
from desktop_hr.services.records import claims, revocation_list
from desktop_hr.services.trust import signing

messages.define(
    {
        "cli.verify.key_unreadable": (
            "无法读取公钥文件 {path}：{detail}",
            "Cannot read the public key file {path}: {detail}",
        ),
        "cli.verify.no_public_key": (
            "文件 {path} 中没有公钥。请使用签发单位用“desktop-hr keys export-public”导出的 .pem 文件。",
            'The file {path} holds no public key. Use the .pem file the issuing office exported with "desktop-hr '
            'keys export-public".',
        ),
        "cli.verify.revocations_need_key": (
            "--revocations 需要与 --key 一起使用（用公钥核对撤销清单的签名）。",
            "--revocations needs --key (the list's signature is checked with the public key).",
        ),
        "cli.verify.one_text": (
            '请把二维码文字整体用引号括起来，作为一个参数：desktop-hr verify --key 公钥.pem "DHR1|…"',
            'Quote the whole QR text as one argument: desktop-hr verify --key public.pem "DHR1|…"',
        ),
        "cli.verify.serial": ("证书编号：{value}", "Serial: {value}"),
        "cli.verify.kind": ("证书类别：{value}", "Certificate: {value}"),
        "cli.verify.holder": ("持证人：{name}（工号 {no}）", "Holder: {name} (no. {no})"),
        "cli.verify.course": ("课程：{value}", "Course: {value}"),
        "cli.verify.session": ("班次：{value}", "Session: {value}"),
        "cli.verify.hours_credits": ("学时：{hours}　学分：{credits}", "Hours: {hours}  Credits: {credits}"),
        "cli.verify.hours": ("学时：{hours}", "Hours: {hours}"),
        "cli.verify.training_date": ("培训日期：{value}", "Training date: {value}"),
        "cli.verify.year": ("年度：{value}", "Year: {value}"),
        "cli.verify.trainer": (
            "内训师贡献值：{contribution}　授课班次：{sessions}",
            "Trainer contribution: {contribution}  Sessions taught: {sessions}",
        ),
        "cli.verify.issued": ("颁发日期：{value}", "Issued: {value}"),
        "cli.verify.key": (
            "签名密钥：{key_id}（公钥指纹 {fingerprint}）",
            "Signing key: {key_id} (fingerprint {fingerprint})",
        ),
        "cli.verify.list_date": (
            "已对照 {date} 签发的撤销清单核对（清单中共 {count} 张已撤销证书）。",
            "Checked against the revocation list of {date} ({count} revoked certificate(s) in it).",
        ),
        "cli.verify.not_revoked": (
            "撤销清单中没有这张证书：未撤销。",
            "Not in the revocation list: not revoked.",
        ),
        "cli.verify.revoked": (
            "已撤销：该证书于 {when} 撤销，原因：{reason}",
            "REVOKED: this certificate was revoked on {when}, reason: {reason}",
        ),
        "cli.verify.no_list": (
            "未提供撤销清单（--revocations），未核对是否已撤销。",
            "No revocation list given (--revocations): whether it was revoked is not checked.",
        ),
    }
)


def _contents(stated: claims.Claims, fingerprint: str) -> list[str]:
    """What the certificate states, a line per fact, as `verify --key` prints it."""
    lines = [
        messages.text("cli.verify.serial", value=stated.serial),
        messages.text("cli.verify.kind", value=messages.text(f"certificate.title.{stated.kind}")),
        messages.text("cli.verify.holder", name=stated.name, no=stated.employee_no),
    ]
    if stated.kind == "completion":
        lines += [
            messages.text("cli.verify.course", value=stated.course),
            messages.text("cli.verify.session", value=stated.result),
            messages.text("cli.verify.training_date", value=stated.date),
        ]
    else:
        lines.append(messages.text("cli.verify.year", value=stated.date))
    if stated.credits:
        lines.append(messages.text("cli.verify.hours_credits", hours=stated.hours, credits=stated.credits))
    else:
        lines.append(messages.text("cli.verify.hours", hours=stated.hours))
    if stated.kind == "excellent_trainer":
        contribution, _, sessions = stated.result.partition(";")
        lines.append(messages.text("cli.verify.trainer", contribution=contribution, sessions=sessions))
    lines.append(messages.text("cli.verify.issued", value=stated.issued))
    lines.append(messages.text("cli.verify.key", key_id=stated.key_id, fingerprint=fingerprint))
    return lines


def _offline(args: argparse.Namespace) -> int:
    """Only the public key file (and the revocation list): no database is opened or created."""
    if args.code is not None:
        print(messages.text("cli.verify.one_text"), file=sys.stderr)
        return EXIT_USAGE
    key_path = Path(args.key)
    try:
        public_keys = signing.load_public_pems(key_path.read_text(encoding="utf-8"))
    except OSError as error:
        print(
            messages.text("cli.verify.key_unreadable", path=key_path, detail=error.strerror or error),
            file=sys.stderr,
        )
        return EXIT_INPUT_ERRORS
    except (UnicodeDecodeError, ValueError):
        print(messages.text("cli.verify.no_public_key", path=key_path), file=sys.stderr)
        return EXIT_INPUT_ERRORS
    listed = None
    if args.revocations is not None:
        try:
            listed = revocation_list.read(Path(args.revocations), public_keys)
        except revocation_list.RevocationListRefused as refused:
            print(refused.message(), file=sys.stderr)
            return EXIT_INPUT_ERRORS
    checked = claims.check(args.serial, public_keys)
    stated = checked.claims
    if not checked.valid or stated is None:
        if stated is not None:
            print(messages.text("cli.verify.serial", value=stated.serial))
        print(checked.message())
        return EXIT_INPUT_ERRORS
    for line in _contents(stated, signing.fingerprint(public_keys[stated.key_id])):
        print(line)
    print(checked.message())
    if listed is None:
        print(messages.text("cli.verify.no_list"))
        return EXIT_OK
    print(
        messages.text(
            "cli.verify.list_date", date=f"{listed.issued_at:%Y-%m-%d %H:%M}", count=len(listed.revoked)
        )
    )
    revoked = listed.revoked.get(stated.serial)
    if revoked is not None:
        print(messages.text("cli.verify.revoked", when=revoked.revoked_on, reason=revoked.reason))
        return EXIT_INPUT_ERRORS
    print(messages.text("cli.verify.not_revoked"))
    return EXIT_OK


def _with_database(args: argparse.Namespace) -> int:
    """`verify SERIAL [CODE]` or `verify "QR TEXT"` against this office's database: 真实有效 exits 0;
    revoked, unknown, altered or unreadable exit 1."""
    from desktop_hr.cli.session import open_db
    from desktop_hr.services.records import certificates

    db = open_db(args)
    try:
        with db.read_session() as session:
            result = certificates.verify(session, args.serial, args.code)
    finally:
        db.dispose()
    print(result.message())
    view = result.certificate
    if view is not None and result.status != certificates.VerifyStatus.ALTERED:
        print(
            messages.text("cli.certificate_facts", name=view.name, no=view.employee_no, issued=view.issued_on)
        )
    return EXIT_OK if result.status == certificates.VerifyStatus.GENUINE else EXIT_INPUT_ERRORS


def cmd_verify(args: argparse.Namespace) -> int:
    if args.revocations is not None and args.key is None:
        print(messages.text("cli.verify.revocations_need_key"), file=sys.stderr)
        return EXIT_USAGE
    return _offline(args) if args.key is not None else _with_database(args)
