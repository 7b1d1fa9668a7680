"""The trainer's studio: edit, check, preview, play-test and publish a case (logic only;
the views are simulator.widgets.studio_*)."""
