"""Demo data of the meetings app, run by ``manage.py seed_demo`` (reports): the meetings of
2020–2022 (``history``) and the meeting of the demo's week (``today``)."""
