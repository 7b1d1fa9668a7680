"""The nuiawase service: the one process that reads answer keys and scores.

Trainee kernels talk to it over HTTP with the user's token (``client.py``) and hold no
answer key; the service runs the client's side of the interview (``live.py``), scores
submissions through the store (which scores on receipt) and serves records by role,
which the store enforces (``handlers.py``). Who a request is from comes from the token
(``auth.py``): JupyterHub's under a hub, a local token per user on one machine.
"""
