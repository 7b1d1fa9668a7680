"""Thin ipywidgets views over the layers below. No domain logic lives here."""
