"""rckg: a knowledge graph of the French customer-relations ecosystem, extracted from blog posts."""

__version__ = "0.1.0"
