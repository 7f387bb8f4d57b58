"""The parts of the CASE 1.1 information model the importer checks against, in one place.

Field names and enumerations follow the 1EdTech CASE 1.1 specification (CFPckgDocument, CFPckgItem,
CFPckgAssociation, CFRubric, CFRubricCriterion, CFRubricCriterionLevel, CFDefinition). CASE 1.0 packages use
the same names; 1.1 added fields (``caseVersion``, ``frameworkType``, item ``subject``, association
``notes``, ``extensions``) and the ``isTranslationOf`` association type.
"""

from __future__ import annotations

import re

CASE_VERSIONS = ("1.0", "1.1")

#: CFAssociationTypeEnum (CASE 1.1). Extensions are allowed as ``ext:`` followed by a name.
ASSOCIATION_TYPES = (
    "isChildOf",
    "isPeerOf",
    "isPartOf",
    "exactMatchOf",
    "precedes",
    "isRelatedTo",
    "replacedBy",
    "exemplar",
    "hasSkillLevel",
    "isTranslationOf",
)
EXTENSION_TYPE = re.compile(r"^ext:[a-zA-Z0-9.\-_]+$")

IS_CHILD_OF = "isChildOf"
EXEMPLAR = "exemplar"

#: Association types whose origin must be an item of this document. Every other type may point anywhere
#: (crosswalks such as exactMatchOf and isRelatedTo usually point into other frameworks).
INTERNAL_ORIGIN_TYPES = frozenset({IS_CHILD_OF, EXEMPLAR})

#: Required fields ([1] multiplicity) of each class inside a CFPackage.
DOCUMENT_REQUIRED = ("identifier", "uri", "creator", "title", "lastChangeDateTime")
ITEM_REQUIRED = ("identifier", "uri", "fullStatement", "lastChangeDateTime")
ASSOCIATION_REQUIRED = ("identifier", "uri", "associationType", "lastChangeDateTime")
RUBRIC_REQUIRED = ("identifier", "uri", "lastChangeDateTime")
CRITERION_REQUIRED = ("identifier", "uri", "lastChangeDateTime")
LEVEL_REQUIRED = ("identifier", "uri", "lastChangeDateTime")
DEFINITION_REQUIRED = ("identifier", "uri", "title")

DOCUMENT_TEXT = (
    "officialSourceURL",
    "publisher",
    "description",
    "language",
    "version",
    "adoptionStatus",
    "notes",
    "frameworkType",
)
ITEM_TEXT = ("humanCodingScheme", "abbreviatedStatement", "CFItemType", "notes", "language", "alternativeLabel")
DEFINITION_LISTS = ("CFItemTypes", "CFSubjects", "CFConcepts", "CFLicenses", "CFAssociationGroupings")

#: proficio's limits on the values it stores (model field lengths).
MAX_IDENTIFIER = 255
MAX_URI = 1000
MAX_CODE = 32
