"""The ontology folder, installed as the package data of `kg.ontology` (see pyproject.toml)."""
