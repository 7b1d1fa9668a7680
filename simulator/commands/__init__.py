"""The subcommands of `nuiawase`, one module per area."""
