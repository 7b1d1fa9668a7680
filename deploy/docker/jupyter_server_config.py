# A trainee's Jupyter server under Zero to JupyterHub (deploy/docker/singleuser.Dockerfile).
c = get_config()  # noqa: F821 (Jupyter's config loader provides it)

# The pages live in the image; a trainee's drafts go to the nuiawase service (the store).
c.ServerApp.root_dir = "/srv/nuiawase"
# A kernel nobody is connected to (a closed page) goes after 10 minutes idle, checked every
# minute, as `nuiawase serve` does; an open page keeps its kernel. The hub's idle culler
# stops the whole server after an hour of no use (deploy/z2jh/values.yaml, cull).
c.MappingKernelManager.cull_idle_timeout = 600
c.MappingKernelManager.cull_interval = 60
c.MappingKernelManager.cull_connected = False
