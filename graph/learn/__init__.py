"""The learned part of extraction: where the rules stop, a small model trained on answer keys decides.

Each family registers a *decider* (``graph.learn.deciders``): it generates candidates broadly from one
post's parse and mentions (every person/organization pair in a clause, every name near a prize word, ...),
describes each by features of the parse, the frame and the rules' own verdict, and keeps those its trained
weights (``data/weights/<family>.json``, written by ``rckg train``) score above their threshold.
"""
