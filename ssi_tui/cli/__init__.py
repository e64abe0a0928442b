"""The command line: `ssi-tui` opens the app; subcommands for scripted use."""
