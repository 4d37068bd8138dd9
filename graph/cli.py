"""The command line: a thin shell that parses options, calls one library function and prints."""

from __future__ import annotations

import click


@click.group()
@click.version_option(package_name="rckg")
def main() -> None:
    """rckg: the knowledge graph of French customer relations."""
