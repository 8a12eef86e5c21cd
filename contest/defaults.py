"""The default criteria set (SPEC section 3), loaded by a data migration and copied into new editions.

Scale 0 to 4; each level's meaning is the rubric jurors read while scoring.
"""

DEFAULT_RUBRIC = [
    (0, "Aucune pratique observée", "No practice observed"),
    (1, "Pratique rare ou ponctuelle", "Rare or occasional practice"),
    (2, "Pratique présente à l'occasion", "Practice present from time to time"),
    (3, "Pratique régulière et reconnue par le jeune", "Regular practice the youth recognises"),
    (4, "Pratique exemplaire, constante et structurée", "Exemplary, constant and structured practice"),
]

DEFAULT_CRITERIA = [
    {
        "code": "horaire-examens",
        "weight": "1.5",
        "name": "Horaire adapté aux périodes d'examens",
        "name_en": "Schedule adapted to exam periods",
        "description": "L'employeur allège ou adapte l'horaire pendant les examens et les remises de travaux.",
        "description_en": "The employer lightens or adapts the schedule during exams and assignment deadlines.",
        "prompt": "Comment ton boss adapte-t-il ton horaire pendant tes examens?",
        "prompt_en": "How does your boss adapt your schedule during your exams?",
    },
    {
        "code": "heures-raisonnables",
        "weight": "1.5",
        "name": "Un nombre d'heures raisonnable pendant l'année scolaire",
        "name_en": "A reasonable number of hours during the school year",
        "description": "Au plus 15 à 20 heures par semaine pendant l'année scolaire.",
        "description_en": "At most 15 to 20 hours a week during the school year.",
        "prompt": "Combien d'heures travailles-tu pendant l'école et comment ton boss en tient-il compte?",
        "prompt_en": "How many hours do you work during the school year, and how does your boss take it into account?",
    },
    {
        "code": "pas-pendant-les-cours",
        "weight": "1",
        "name": "Aucun travail pendant les heures de classe",
        "name_en": "No work during class hours",
        "description": "L'employeur ne demande jamais de travailler pendant les heures de cours.",
        "description_en": "The employer never asks for work during class hours.",
        "prompt": "Ton boss respecte-t-il tes heures de cours? Raconte.",
        "prompt_en": "Does your boss respect your class hours? Tell us.",
    },
    {
        "code": "interet-reussite",
        "weight": "1.5",
        "name": "Intérêt pour les résultats scolaires et encouragement au diplôme",
        "name_en": "Interest in school results and encouragement towards the diploma",
        "description": "Le boss s'intéresse aux résultats scolaires et encourage l'obtention du diplôme.",
        "description_en": "The boss takes an interest in school results and encourages the diploma.",
        "prompt": "Comment ton boss t'encourage-t-il à réussir à l'école?",
        "prompt_en": "How does your boss encourage you to succeed in school?",
    },
    {
        "code": "flexibilite",
        "weight": "1",
        "name": "Flexibilité pour la vie personnelle et scolaire",
        "name_en": "Flexibility for personal and school life",
        "description": "Changements d'horaire possibles pour les activités scolaires, sportives ou familiales.",
        "description_en": "Schedule changes are possible for school, sports or family activities.",
        "prompt": "Donne un exemple où ton boss a fait preuve de flexibilité.",
        "prompt_en": "Give an example of your boss being flexible.",
    },
    {
        "code": "reconnaissance",
        "weight": "1",
        "name": "Reconnaissance, accueil et communication",
        "name_en": "Recognition, onboarding and communication",
        "description": "Accueil soigné, reconnaissance des efforts, communication ouverte.",
        "description_en": "Careful onboarding, recognition of efforts, open communication.",
        "prompt": "Comment ton boss reconnaît-il ton travail et communique-t-il avec toi?",
        "prompt_en": "How does your boss recognise your work and communicate with you?",
    },
]
