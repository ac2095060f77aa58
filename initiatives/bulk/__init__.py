"""Work on many initiatives at once (issue 24): a selection of the registry's rows (or every row
its filter finds), an action over it counted before it is confirmed, each card through its own
domain function, the result card by card. Higher apps add their actions (the expertise: assign
experts) through :func:`initiatives.bulk.jobs.register`."""
