"""`portal user add` and `portal audit verify`: staff accounts and the audit chain from the shell.

The password is never a command-line argument (it would land in shell history and in `ps`):
it is asked for twice without echo, or read from the first line of stdin with --password-stdin.
"""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from portal.staff.models import ROLES


@click.group("user")
def user_group() -> None:
    """Staff accounts."""


def _read_password(from_stdin: bool) -> str:
    """The new password: first line of stdin, or asked twice at the terminal without echo."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@user_group.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), required=True, help="moderator, editor or admin.")
@click.option("--name", "display_name", default="", help="Name shown on staff pages and in the audit log.")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
@with_appcontext
def user_add(username: str, role: str, display_name: str, password_stdin: bool) -> None:
    """Create a staff account (argon2id password hash)."""
    from portal import clock
    from portal.db import begin_write, get_session
    from portal.staff import accounts, audit

    password = _read_password(password_stdin)
    session = get_session()
    begin_write(session)
    try:
        user = accounts.add_user(session, username=username, display_name=display_name, role=role,
                                 password=password, now=clock.now())
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from None
    audit.record(session, actor="system:cli", action="add_user", target=f"staff_user:{username}",
                 after={"role": role}, now=clock.now())
    session.commit()
    click.echo(f"added {user.username} ({user.role})")


@click.group("audit")
def audit_group() -> None:
    """The staff audit log."""


@audit_group.command("verify")
@with_appcontext
def audit_verify() -> None:
    """Recompute the hash chain; exit 1 and name the first broken entry if it was tampered with."""
    from portal.db import get_session
    from portal.staff import audit

    check = audit.verify(get_session())
    if not check.ok:
        click.echo(f"audit log BROKEN at entry {check.broken_at}: {check.reason} "
                   f"({check.entries} entries read)", err=True)
        raise SystemExit(1)
    click.echo(f"audit log intact: {check.entries} entries, head {audit.last_hash(get_session())}")
