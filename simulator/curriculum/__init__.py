"""The course: module files (curriculum/modules/*.yaml), how they load, how a check is
marked, and a trainee's way through a module (``ModuleSession``)."""
