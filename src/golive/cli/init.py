"""``golive init DIR --url URL [--lang L]``: write a working project for a new platform."""

from __future__ import annotations

import argparse
from pathlib import Path

from golive.cli.exit_codes import ExitCode
from golive.messages import Say
from golive.scaffold.project import check_url, find_login_page, write_project


def init(args: argparse.Namespace) -> int:
    """Look at the login page at ``--url``, write the project into DIR, say what was guessed."""
    say = Say(args.project_lang)
    url = check_url(args.url)
    folder: Path = args.folder
    login = find_login_page(url)
    written = write_project(folder, url, args.project_lang, login)
    files = say.join([str(p.relative_to(folder)) for p in written.files])
    print(f"golive: {say('init.wrote', folder=folder, files=files)}")
    for note in written.notes:
        print(f"golive: {note}")
    return ExitCode.GO
