"""nuiawase (縫い合わせ): a training simulator for self-reliance consultation counsellors."""

__version__ = "0.1.0"
