"""Demo data of the network app, run by ``manage.py seed_demo`` (reports): the organisations
and their teams, then the networks (``organisations.seed`` calls ``networks.seed``), and the
month of the demo's day (``today``)."""
