from kehoach.cli import cli

cli()
