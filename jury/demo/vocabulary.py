"""Word lists for the demo: invented people, plausible Estrie businesses and schools, testimonial pieces.

Testimonial sentences use these placeholders: ``{b}`` the boss's first name, ``{il}``/``{Il}`` the boss's
pronoun, ``{lui}`` its stressed form, ``{employer}`` the business, ``{h}`` the youth's weekly hours and
``{mois}`` how many months the youth has worked there. Sentences about the youth avoid gender agreement.
"""

from nominations.enums import SchoolLevel, Sector

YOUTH_FIRST_NAMES = [
    "Léa", "Emma", "Florence", "Rosalie", "Jade", "Juliette", "Charlotte", "Béatrice", "Maélie", "Alice",
    "Zoé", "Laurence", "Camille", "Mia", "Olivia", "Livia", "Éloïse", "Noémie", "Sarah", "Clara",
    "Megan", "Alexane", "Coralie", "Mégane", "Anaïs", "Marilou", "Ève", "Audrey", "Maïka", "Romy",
    "William", "Thomas", "Liam", "Noah", "Jacob", "Nathan", "Félix", "Samuel", "Édouard", "Léo",
    "Olivier", "Xavier", "Gabriel", "Antoine", "Zack", "Mathis", "Loïc", "Émile", "Raphaël", "Alexis",
    "Logan", "Jérémy", "Charles", "Vincent", "Louis", "Benjamin", "Justin", "Tristan", "Nolan", "Ethan",
]  # fmt: skip

BOSS_FIRST_NAMES_F = [
    "Ginette", "Sylvie", "Nathalie", "Isabelle", "Julie", "Mélanie", "Chantal", "Josée", "Karine", "Annie",
    "Caroline", "Manon", "Véronique", "Geneviève", "Marie-Ève", "Stéphanie", "Johanne", "Lucie", "Nancy",
    "Marie-Claude", "Valérie", "Sophie", "Émilie", "Catherine", "Kathleen", "Brigitte", "Danielle",
]  # fmt: skip

BOSS_FIRST_NAMES_M = [
    "Martin", "Stéphane", "Sylvain", "Éric", "Patrick", "François", "Daniel", "Michel", "Luc", "Sébastien",
    "Mathieu", "Jean-François", "Yves", "Pierre-Luc", "Guy", "Dany", "Steve", "Carl", "Richard", "Denis",
    "Marc-André", "Jonathan", "Maxime", "Jean-Philippe", "Réjean", "Normand", "Kevin",
]  # fmt: skip

LAST_NAMES = [
    "Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Gagné",
    "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron", "Leblanc", "Paquette", "Girard", "Simard",
    "Boucher", "Caron", "Beaulieu", "Cloutier", "Dubé", "Poirier", "Fournier", "Lapointe", "Leclerc",
    "Lefebvre", "Poulin", "Thibault", "St-Pierre", "Nadeau", "Martin", "Landry", "Martel", "Bédard",
    "Grenier", "Lessard", "Bernier", "Richard", "Michaud", "Hébert", "Desjardins", "Couture", "Turcotte",
    "Lachance", "Parent", "Blais", "Gosselin", "Savard", "Proulx", "Beaudoin", "Demers", "Perreault",
    "Boivin", "Vachon", "Lemieux", "Breton", "Duchesne", "Bolduc", "Rousseau", "Labbé", "Fontaine",
    "Plante", "Charest", "Brassard", "Audet", "Rodrigue", "Veilleux", "Jodoin", "Lacroix", "Dion",
    "Bisson", "Boisvert", "Champagne", "Fillion", "Gingras", "Larochelle", "Marcoux", "Nault", "Quirion",
    "Rioux", "Tanguay", "Vaillancourt", "Bilodeau", "Dufresne", "Giguère", "Hamel", "Laflamme", "Mercier",
    "Smith", "Taylor", "McKenzie", "Bryant", "Nadeau-Roy", "Lambert", "Côté-Boucher", "Doyon", "Pépin",
]  # fmt: skip

EMAIL_DOMAINS = ["example.org", "example.com", "example.net"]

BOSS_ROLES_F = [
    "Propriétaire", "Propriétaire", "Gérante", "Gérante", "Copropriétaire", "Directrice générale",
    "Superviseure", "Cheffe d'équipe", "Responsable du personnel", "Gérante de plancher",
]  # fmt: skip
BOSS_ROLES_M = [
    "Propriétaire", "Propriétaire", "Gérant", "Gérant", "Copropriétaire", "Directeur général",
    "Superviseur", "Chef d'équipe", "Responsable du personnel", "Contremaître",
]  # fmt: skip

# Sector, relative frequency among youths' employers, kinds of business.
SECTORS = [
    (Sector.FOOD_SERVICE, 28, [
        "Resto", "Restaurant", "Casse-croûte", "Pizzeria", "Café", "Bistro", "Cantine", "Crèmerie",
        "Microbrasserie", "Poutinerie", "Pâtisserie", "Rôtisserie",
    ]),
    (Sector.GROCERY, 20, [
        "Dépanneur", "Épicerie", "Marché", "Boucherie", "Fromagerie", "Boulangerie", "Fruiterie",
        "Marché d'alimentation",
    ]),
    (Sector.RETAIL, 15, [
        "Quincaillerie", "Pharmacie", "Boutique", "Librairie", "Animalerie", "Fleuriste", "Magasin général",
        "Centre de jardin", "Boutique de vélos",
    ]),
    (Sector.RECREATION, 8, [
        "Club de golf", "Centre aquatique", "Cinéma", "Base de plein air", "Salle de quilles",
        "Centre de ski", "Aréna",
    ]),
    (Sector.ACCOMMODATION, 6, ["Camping", "Auberge", "Gîte", "Hôtel", "Motel", "Pourvoirie"]),
    (Sector.AGRICULTURE, 6, ["Ferme", "Érablière", "Verger", "Cabane à sucre", "Serres", "Vignoble"]),
    (Sector.SERVICES, 7, [
        "Garage", "Lave-auto", "Salon de coiffure", "Station-service", "Entretien ménager",
        "Clinique vétérinaire",
    ]),
    (Sector.HEALTH, 4, ["Résidence", "CPE", "Clinique dentaire", "Centre communautaire"]),
    (Sector.CONSTRUCTION, 3, ["Construction", "Toitures", "Paysagement", "Excavation", "Plomberie"]),
    (Sector.MANUFACTURING, 2, ["Ébénisterie", "Scierie", "Atelier d'usinage", "Portes et fenêtres"]),
    (Sector.OTHER, 1, ["Entreprises", "Services"]),
]  # fmt: skip

NAME_FLOURISHES = [
    "Le Petit Bonheur", "La Belle Place", "Le Coin du Village", "L'Escale", "Le Relais", "Le Pignon Vert",
    "Les Trois Pommes", "Le Bon Voisin", "La Halte", "Le Carrefour", "Le Tournesol", "La Grange",
    "Le Vieux Moulin", "La Source", "Le Boisé", "L'Érable rouge", "La Clé des champs", "Le Fanal",
    "La Petite Ourse", "Le Caribou", "Le Héron bleu", "La Montagne", "Le Phare", "La Sucrerie",
]  # fmt: skip

PLACE_SUFFIXES = [
    "du Lac", "des Cantons", "de la Rivière", "du Mont", "des Appalaches", "du Village", "du Parc",
    "de la Gare", "du Ruisseau", "des Érables", "du Coteau", "de l'Église",
]  # fmt: skip

LEGAL_SUFFIXES = [" inc.", " enr.", " ltée"]

# Population of each territory in thousands (rounded, 2021 census): nominations follow it.
TERRITORY_WEIGHTS = {
    "Sherbrooke": 173,
    "La Haute-Yamaska": 93,
    "Brome-Missisquoi": 62,
    "Memphrémagog": 53,
    "Le Val-Saint-François": 31,
    "Le Haut-Saint-François": 23,
    "Le Granit": 22,
    "Coaticook": 19,
    "Les Sources": 14,
}
DEFAULT_TERRITORY_WEIGHT = 10

# Within a territory, the towns where most businesses are. Other « Ville »s weigh 3, the rest 1.
MUNICIPALITY_WEIGHTS = {
    "Granby": 40, "Magog": 20, "Cowansville": 12, "Bromont": 8, "Farnham": 7, "Lac-Mégantic": 10,
    "Coaticook": 10, "Val-des-Sources": 8, "Windsor": 7, "Richmond": 4, "Valcourt": 4, "East Angus": 6,
    "Cookshire-Eaton": 4, "Waterloo": 5, "Sutton": 3, "Lac-Brome": 4, "Stanstead": 3,
}  # fmt: skip

# Boroughs, to tell apart two businesses with the same name in one big town.
BOROUGHS = [
    "Fleurimont",
    "Lennoxville",
    "Rock Forest",
    "Jacques-Cartier",
    "Mont-Bellevue",
    "Brompton",
    "Centre-ville",
]

SECONDARY_SCHOOLS = {
    "Sherbrooke": [
        "École secondaire du Triolet", "École secondaire Mitchell-Montcalm", "École secondaire de la Montée",
        "Collège du Mont-Notre-Dame", "Séminaire de Sherbrooke", "Collège du Sacré-Cœur",
    ],
    "Memphrémagog": ["École secondaire de la Ruche", "Massawippi Regional High School"],
    "Coaticook": ["Polyvalente La Frontalière"],
    "Le Granit": ["Polyvalente Montignac"],
    "Le Haut-Saint-François": ["Polyvalente Louis-Saint-Laurent", "Cité-école de Scotstown"],
    "Le Val-Saint-François": [
        "École secondaire du Tournesol", "École secondaire L'Odyssée", "Richmond Regional High School",
    ],
    "Les Sources": ["École secondaire de l'Escale"],
    "La Haute-Yamaska": [
        "École secondaire Joseph-Hermas-Leclerc", "École secondaire l'Envolée",
        "École secondaire Wilfrid-Léger",
    ],
    "Brome-Missisquoi": ["École secondaire Massey-Vanier", "École secondaire Jean-Jacques-Bertrand"],
}  # fmt: skip
SCHOOLS_BY_LEVEL = {
    SchoolLevel.VOCATIONAL: [
        "Centre de formation professionnelle 24-Juin", "Centre de formation professionnelle de Coaticook",
        "Centre de formation professionnelle Le Granit", "Centre régional intégré de formation",
    ],
    SchoolLevel.ADULT: [
        "Centre Saint-Michel", "Centre d'éducation des adultes du Granit",
        "Centre d'éducation des adultes de Granby",
    ],
    SchoolLevel.COLLEGE: [
        "Cégep de Sherbrooke", "Cégep de Granby", "Champlain College Lennoxville",
        "Centre d'études collégiales de Lac-Mégantic",
    ],
    SchoolLevel.UNIVERSITY: ["Université de Sherbrooke", "Université Bishop's"],
}  # fmt: skip

# Answers to each default criterion's prompt, by criterion code. Two or three sentences are drawn.
ANSWERS = {
    "horaire-examens": [
        "Pendant la fin d'étape, {b} me donne moins de shifts sans que j'aie besoin de le demander.",
        "Quand je lui donne mon horaire d'examens, {il} bloque ces journées-là au complet.",
        "En juin, j'ai eu deux semaines de congé pour mes examens du ministère.",
        "{b} affiche le calendrier des examens de l'école à côté de l'horaire pour que personne ne l'oublie.",
        "La veille d'un examen, je finis toujours avant 20 h, c'est une règle chez nous.",
        "J'ai juste à l'écrire sur la feuille de disponibilités et c'est respecté, même dans le rush.",
        "{Il} trouve quelqu'un pour me remplacer quand j'ai un examen le lendemain.",
        "Pendant les examens du cégep, je travaille seulement les fins de semaine.",
        "Une fois j'avais oublié de l'avertir, {il} a quand même changé l'horaire la veille.",
        "{Il} me demande mes dates d'examens dès le début de la session.",
    ],
    "heures-raisonnables": [
        "Je travaille environ {h} heures par semaine pendant l'école, jamais plus.",
        "{b} ne me met jamais plus de trois soirs par semaine.",
        "Quand j'ai demandé plus d'heures, {il} m'a demandé si mes notes suivaient avant de dire oui.",
        "L'été je fais plus d'heures, mais à la rentrée {il} baisse mon horaire tout de suite.",
        "Je finis au plus tard à 21 h les soirs de semaine.",
        "{Il} respecte la limite qu'on s'était fixée ensemble en août.",
        "Mes parents avaient peur que je travaille trop, mais {b} les a rassurés en leur montrant l'horaire.",
        "Même quand il manque du monde, {il} ne me met pas plus que mes {h} heures.",
        "{Il} dit toujours qu'un jeune fatigué, ça ne sert à personne, ni à l'école ni à la job.",
    ],
    "pas-pendant-les-cours": [
        "On ne m'a jamais demandé de manquer un cours pour travailler.",
        "Même quand il manque du monde, {il} ne me texte pas pendant les heures d'école.",
        "{b} sait que l'école passe avant; {il} me l'a dit dès l'entrevue.",
        "Mes shifts commencent toujours après 16 h la semaine.",
        "Une fois, un employé m'a demandé de rentrer un mardi matin et {b} a dit non tout de suite.",
        "Je fais des journées complètes seulement pendant les journées pédagogiques, si je le veux.",
        "{Il} n'appelle jamais pendant les cours, {il} laisse un message pour après l'école.",
        "Pas question de travailler pendant l'école, c'est clair pour tout le monde chez {employer}.",
    ],
    "interet-reussite": [
        "{b} me demande souvent comment vont mes examens et {il} se souvient de mes matières.",
        "Quand j'ai eu mon bulletin, {il} voulait le voir pour me féliciter.",
        "{Il} m'a donné un coup de main en maths pendant une pause, c'était vraiment drôle.",
        "{Il} me répète que mon diplôme, c'est la chose la plus importante.",
        "Il y a une prime pour les employés qui obtiennent leur diplôme.",
        "Quand je doutais de continuer au cégep, {il} m'a donné confiance.",
        "On peut faire nos devoirs dans la salle de pause quand c'est tranquille.",
        "{Il} parle de ses propres études et nous pousse à finir notre secondaire.",
        "{b} a même écrit une lettre de référence pour mon programme au cégep.",
    ],
    "flexibilite": [
        "Quand j'ai eu un tournoi de volleyball, {b} a changé mon horaire en deux minutes.",
        "Ma grand-mère était malade et j'ai pu prendre congé sans avoir à me justifier.",
        "On peut échanger nos shifts entre nous sur le groupe Messenger et {il} est toujours d'accord.",
        "Pour le voyage de fin d'année, j'ai eu la semaine sans problème.",
        "{Il} accepte que je parte plus tôt quand j'ai un travail d'équipe.",
        "Pendant la saison de hockey, je ne travaille pas le samedi matin.",
        "Même en pleine saison des sucres, {il} a trouvé une solution pour mon spectacle de musique.",
        "Quand mon autobus ne passe pas, {il} s'arrange pour qu'un collègue vienne me chercher.",
        "{b} fait l'horaire avec nos disponibilités, pas le contraire.",
    ],
    "reconnaissance": [
        "Ma première journée, {b} a pris le temps de me présenter à toute l'équipe.",
        "{Il} dit merci à la fin de chaque shift, ça paraît niaiseux mais ça fait du bien.",
        "Chaque mois, il y a un employé du mois avec une carte-cadeau.",
        "{Il} écoute nos idées; la mienne pour réorganiser le comptoir a été essayée.",
        "On a un souper d'équipe à Noël et un party à la fin de l'été.",
        "Quand je fais une erreur, {il} m'explique calmement au lieu de crier.",
        "L'horaire est affiché deux semaines d'avance, on sait toujours à quoi s'attendre.",
        "Il y a un cartable d'accueil avec tout ce qu'il faut savoir, c'est super clair.",
        "{b} souligne nos fêtes, même celles des plus jeunes employés.",
    ],
}
# For criteria that staff added and that have no sentences of their own.
GENERIC_ANSWERS = [
    "{b} est toujours à l'écoute quand j'ai besoin de quelque chose.",
    "Les jeunes qui travaillent là se sentent respectés.",
    "{Il} prend le temps de nous expliquer les choses.",
    "C'est une belle place pour travailler quand on va à l'école.",
]

TESTIMONIAL_OPENINGS = [
    "Je travaille chez {employer} depuis {mois} mois.",
    "Ça fait {mois} mois que je travaille pour {b}.",
    "J'ai commencé chez {employer} l'été passé.",
    "C'est ma première job et j'ai trouvé la meilleure place.",
    "Je travaille à temps partiel chez {employer} depuis {mois} mois.",
    "Je travaille les soirs et les fins de semaine chez {employer}.",
]
TESTIMONIAL_MIDDLES = [
    "{b} comprend que l'école passe en premier.",
    "Tout le monde dans l'équipe se sent respecté.",
    "Grâce à {lui}, j'ai gardé ma moyenne au-dessus de 80 % tout en travaillant.",
    "{Il} connaît le nom de tous les jeunes qui travaillent là et leur programme d'études.",
    "Avant, je pensais lâcher l'école; aujourd'hui je m'en vais au cégep.",
    "{Il} nous fait confiance et nous donne des responsabilités.",
    "Même dans le gros rush de l'été, {il} garde son calme et son sourire.",
    "Mes amis qui travaillent ailleurs n'ont pas cette chance-là.",
]
TESTIMONIAL_CLOSINGS = [
    "{b} mérite vraiment le titre de meilleur boss!",
    "Si quelqu'un mérite ce prix, c'est {lui}.",
    "Merci {b} pour tout!",
    "Je recommande cette place à tous mes amis qui cherchent une job.",
    "Je ne pourrais pas demander mieux.",
]

# Junk that staff will mark as spam.
SPAM_TEXTS = [
    "test test test",
    "asdfasdf",
    "Meilleur boss meilleur boss meilleur boss",
    "Votez pour moi!!!",
    "bla bla bla",
]

# Reasons staff give the youth when a nomination is ineligible.
INELIGIBLE_REASONS = [
    "Le concours s'adresse aux jeunes de 14 ans et plus.",
    "L'entreprise est située à l'extérieur des territoires du concours.",
    "La personne nommée est un membre de ta famille immédiate.",
    "Il faut être aux études pendant l'année scolaire pour participer.",
]

# Jurors' comments on their evaluations, for the deliberation.
JURY_COMMENTS = [
    "Témoignages concrets et concordants, surtout sur l'horaire d'examens.",
    "Bonne volonté, mais peu d'exemples précis sur les heures pendant l'école.",
    "Pratiques exemplaires : horaire affiché d'avance et intérêt réel pour les études.",
    "Un seul témoignage, assez général.",
    "La flexibilité ressort clairement de tous les témoignages.",
    "Belle reconnaissance des jeunes; l'encouragement au diplôme pourrait être plus explicite.",
    "",
    "",
]

# Conflicts of interest that jurors declare.
CONFLICT_REASONS = [
    "Ma sœur travaille dans cette entreprise.",
    "J'ai été employé de cette entreprise l'an dernier.",
    "Le propriétaire est un ami proche.",
]
