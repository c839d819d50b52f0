"""Reference lists of the generated data set: regions, names, texts and weighted choices.

No text here may contain a tab, a newline or a backslash: rows go to COPY in text format as is.
"""
from demo.clients import GIVEN as DEMO_GIVEN
from demo.clients import PREFIXES as PREFIXES  # used with the generated names (people.py)
from demo.clients import SURNAMES as DEMO_SURNAMES

# The 35 labour-market regions (arbeidsmarktregio's): (name, slug, relative size, [(city, postcode prefix)]).
# The first four are those of Utrecht province, as in the demo seed.
REGIONS = [
    ("Midden-Utrecht", "midden-utrecht", 3, [("Utrecht", "35"), ("Nieuwegein", "34"), ("Zeist", "37")]),
    ("Amersfoort", "amersfoort", 2, [("Amersfoort", "38"), ("Leusden", "38"), ("Soest", "37")]),
    ("Gooi en Vechtstreek", "gooi-en-vechtstreek", 1, [("Hilversum", "12"), ("Huizen", "12"), ("Weesp", "13")]),
    ("Foodvalley", "foodvalley", 1, [("Ede", "67"), ("Veenendaal", "39"), ("Barneveld", "37")]),
    ("Groot Amsterdam", "groot-amsterdam", 5, [("Amsterdam", "10"), ("Amstelveen", "11"), ("Diemen", "11")]),
    ("Rijnmond", "rijnmond", 5, [("Rotterdam", "30"), ("Schiedam", "31"), ("Vlaardingen", "31")]),
    ("Haaglanden", "haaglanden", 4, [("Den Haag", "25"), ("Delft", "26"), ("Zoetermeer", "27")]),
    ("Zuidoost-Brabant", "zuidoost-brabant", 3, [("Eindhoven", "56"), ("Veldhoven", "55"), ("Best", "56")]),
    ("Groningen", "groningen", 2, [("Groningen", "97"), ("Hoogezand", "96"), ("Delfzijl", "99")]),
    ("Twente", "twente", 3, [("Enschede", "75"), ("Hengelo", "75"), ("Almelo", "76")]),
    ("Friesland", "friesland", 3, [("Leeuwarden", "89"), ("Sneek", "86"), ("Heerenveen", "84")]),
    ("Drenthe", "drenthe", 2, [("Assen", "94"), ("Emmen", "78"), ("Hoogeveen", "79")]),
    ("Regio Zwolle", "regio-zwolle", 2, [("Zwolle", "80"), ("Kampen", "82"), ("Meppel", "79")]),
    ("Stedendriehoek en Noordwest Veluwe", "stedendriehoek", 2, [("Apeldoorn", "73"), ("Deventer", "74")]),
    ("Achterhoek", "achterhoek", 1, [("Doetinchem", "70"), ("Winterswijk", "71")]),
    ("Midden-Gelderland", "midden-gelderland", 2, [("Arnhem", "68"), ("Velp", "68"), ("Zevenaar", "69")]),
    ("Rijk van Nijmegen", "rijk-van-nijmegen", 2, [("Nijmegen", "65"), ("Wijchen", "66")]),
    ("Rivierenland", "rivierenland", 1, [("Tiel", "40"), ("Culemborg", "41")]),
    ("Flevoland", "flevoland", 2, [("Almere", "13"), ("Lelystad", "82")]),
    ("Zaanstreek/Waterland", "zaanstreek-waterland", 1, [("Zaandam", "15"), ("Purmerend", "14")]),
    ("Noord-Holland Noord", "noord-holland-noord", 2, [("Alkmaar", "18"), ("Den Helder", "17"), ("Hoorn", "16")]),
    ("Zuid-Kennemerland en IJmond", "zuid-kennemerland", 2, [("Haarlem", "20"), ("Velsen", "19")]),
    ("Holland Rijnland", "holland-rijnland", 2, [("Leiden", "23"), ("Alphen aan den Rijn", "24")]),
    ("Midden-Holland", "midden-holland", 1, [("Gouda", "28"), ("Waddinxveen", "27")]),
    ("Zuid-Holland Centraal", "zuid-holland-centraal", 1, [("Pijnacker", "26"), ("Leidschendam", "22")]),
    ("Drechtsteden", "drechtsteden", 1, [("Dordrecht", "33"), ("Zwijndrecht", "33")]),
    ("Gorinchem", "gorinchem", 1, [("Gorinchem", "42"), ("Leerdam", "41")]),
    ("West-Brabant", "west-brabant", 3, [("Breda", "48"), ("Roosendaal", "47"), ("Bergen op Zoom", "46")]),
    ("Midden-Brabant", "midden-brabant", 2, [("Tilburg", "50"), ("Waalwijk", "51")]),
    ("Noordoost-Brabant", "noordoost-brabant", 3, [("'s-Hertogenbosch", "52"), ("Oss", "53"), ("Uden", "54")]),
    ("Helmond-De Peel", "helmond-de-peel", 1, [("Helmond", "57"), ("Deurne", "57")]),
    ("Noord-Limburg", "noord-limburg", 1, [("Venlo", "59"), ("Venray", "58")]),
    ("Midden-Limburg", "midden-limburg", 1, [("Roermond", "60"), ("Weert", "60")]),
    ("Zuid-Limburg", "zuid-limburg", 3, [("Maastricht", "62"), ("Heerlen", "64"), ("Sittard", "61")]),
    ("Zeeland", "zeeland", 2, [("Middelburg", "43"), ("Vlissingen", "43"), ("Goes", "44")]),
]

# The province each region reports to (a province manager reads its regions' figures). The four RMT
# regions of Utrecht are the domain's (../shared/domain.md), as the demo and migration rwc.0008 set
# them, though Gooi en Vechtstreek and part of Foodvalley lie outside the province.
PROVINCES = {
    "midden-utrecht": "UT", "amersfoort": "UT", "gooi-en-vechtstreek": "UT", "foodvalley": "UT",
    "groot-amsterdam": "NH", "rijnmond": "ZH", "haaglanden": "ZH", "zuidoost-brabant": "NB", "groningen": "GR",
    "twente": "OV", "friesland": "FR", "drenthe": "DR", "regio-zwolle": "OV", "stedendriehoek": "GE",
    "achterhoek": "GE", "midden-gelderland": "GE", "rijk-van-nijmegen": "GE", "rivierenland": "GE",
    "flevoland": "FL", "zaanstreek-waterland": "NH", "noord-holland-noord": "NH", "zuid-kennemerland": "NH",
    "holland-rijnland": "ZH", "midden-holland": "ZH", "zuid-holland-centraal": "ZH", "drechtsteden": "ZH",
    "gorinchem": "ZH", "west-brabant": "NB", "midden-brabant": "NB", "noordoost-brabant": "NB",
    "helmond-de-peel": "NB", "noord-limburg": "LI", "midden-limburg": "LI", "zuid-limburg": "LI", "zeeland": "ZE",
}

GIVEN = list(DEMO_GIVEN) + [
    "Lucas", "Finn", "Levi", "Mila", "Tess", "Zoë", "Sara", "Lieke", "Jan", "Pieter", "Kees", "Willem", "Marieke",
    "Ingrid", "Henk", "Gerrit", "Wilma", "Esther", "Ayoub", "Bilal", "Imane", "Samira", "Youssef", "Hamza",
    "Elif", "Emre", "Burak", "Merve", "Ana", "Piotr", "Katarzyna", "Olena", "Dmytro", "Abdi", "Amina", "Tesfaye",
    "Ravi", "Priya", "Jayden", "Shanice", "Kevin", "Jeroen", "Marloes", "Joost", "Femke", "Wouter", "Nina",
]
SURNAMES = list(DEMO_SURNAMES) + [
    "de Jong", "Janssen", "de Boer", "van Dijk", "Groot", "Wouters", "Kuipers", "Verhoeven", "Postma", "Bosman",
    "Kramer", "Vermeulen", "van Leeuwen", "Schouten", "Scholten", "Koning", "Maas", "Sanders", "Jacobs", "Verbeek",
    "Demir", "Şahin", "Aydın", "Bouzid", "Benali", "Haddou", "Mohamud", "Wiśniewski", "Kovalenko", "Singh",
    "Ramdin", "Martis", "Rosaria", "Nguyen", "Tran", "Ahmadi", "Hosseini", "Kibret", "Osei", "Mensah",
]
LANGUAGES = ["nl"] * 16 + ["en", "en", "ar", "tr", "pl", "ti", "uk", "so", "fa", "ro"]
GENDER_CHOICES = ["female"] * 48 + ["male"] * 48 + ["other", "unknown", "", ""]
EDUCATION = [("none", 4), ("vmbo", 14), ("mbo_1", 6), ("mbo_2", 16), ("mbo_3", 12), ("mbo_4", 16), ("havo", 7),
             ("vwo", 4), ("hbo", 10), ("wo", 5), ("foreign_unknown", 6)]
EDUCATION_YOUTH = [("none", 6), ("vmbo", 30), ("mbo_1", 14), ("mbo_2", 18), ("mbo_3", 8), ("mbo_4", 8), ("havo", 8),
                   ("vwo", 2), ("hbo", 2), ("foreign_unknown", 4)]
BENEFITS = [("none", 30), ("ww", 25), ("bijstand", 25), ("wajong", 6), ("wia", 6), ("other", 3), ("", 5)]
BENEFITS_YOUTH = [("none", 55), ("ww", 5), ("bijstand", 15), ("wajong", 15), ("other", 2), ("", 8)]
TARGET_GROUPS = ["status_holder", "doelgroepregister", "psychological_vulnerability", "limited_dutch",
                 "early_school_leaver", "long_term_unemployed", "over_55"]
POSTCODE_LETTERS = "ABCEGHJKLMNPRTVWXZ"  # no S: SA, SD and SS are never issued

# Desks: (kind, name, short code, has a BSN legal basis, share of the registrations)
DESK_KINDS = [
    ("leerwerkloket", "Leerwerkloket", "lwl", False, 25),
    ("rmt", "Regionaal Mobiliteitsteam", "rmt", False, 35),
    ("wsp", "WerkgeversServicepunt", "wsp", True, 10),
    ("youth", "Jongerenloket", "youth", True, 30),
]
# Programme codes (data migration cases.0002) each desk kind opens its own cases under, with weights.
PROGRAMMES_FOR = {
    "leerwerkloket": [("praktijkverklaringen", 35), ("hoofdzaak-werk-ips", 10), ("servicepunt-techniek", 15),
                      ("general", 40)],
    "rmt": [("rmt-regulation", 55), ("hoofdzaak-werk-ips", 10), ("general", 35)],
    "wsp": [("praktijkverklaringen", 25), ("servicepunt-techniek", 35), ("general", 40)],
    "youth": [("raj", 60), ("hoofdzaak-werk-ips", 10), ("general", 30)],
}
PARTNERS = [  # (kind, name pattern): {city} is the region's main city, {region} its name
    ("municipality", "Gemeente {city}"),
    ("uwv", "UWV {region}"),
    ("school", "ROC {region}"),
    ("rmc", "RMC {region}"),
    ("care_provider", "GGZ {region}"),
    ("sbb", "SBB {region}"),
]

CONSENT_PURPOSE = "Guidance towards work or education, and referral to partners"
CONSENT_CATEGORIES = '["contact", "education", "identity", "work_history"]'
CONSENT_CATEGORIES_FULL = '["benefits", "case_notes", "contact", "education", "identity", "work_history"]'
SHARED_CATEGORIES = ['["education", "identity"]', '["contact", "identity"]', '["contact", "education", "identity"]',
                     '["identity"]']

CHANNELS = ["in_person"] * 5 + ["phone"] * 3 + ["video"] * 2 + ["email", "letter"]
CHANNEL_LABEL = {"in_person": "In person", "phone": "Phone", "video": "Video", "email": "E-mail", "letter": "Letter"}
CONTACT_KINDS = ["coaching"] * 5 + ["job_matching"] * 2 + ["workshop", "follow_up", "follow_up"]
CONTACT_LABEL = {"intake": "Intake", "coaching": "Coaching", "workshop": "Workshop", "job_matching": "Job matching",
                 "follow_up": "Follow-up"}
CONTACT_COUNTS = [2] * 30 + [3] * 30 + [4] * 20 + [5] * 12 + [6] * 8  # 2-6 contacts per case, 3.4 on average
DURATIONS = ["15", "30", "30", "45", "45", "60", "60", "90", "\\N"]
SUMMARIES = ["Talked about work history and wishes", "Went through vacancies together", "Discussed a training course",
             "Follow-up on the applications", "Prepared a job interview", "Checked in after the trial period",
             "Made a plan for the coming weeks", "Discussed the praktijkverklaring route", "Updated the CV together",
             "Talked about childcare and working hours", "Discussed the job coach's report"]
AGREEMENTS = ["Update the CV", "Apply for three vacancies", "Visit the open day of the ROC", "Intake with the jobcoach",
              "Ask UWV about the WW end date", "Practise a job interview", "Register for the care job fair",
              "Take the Dutch language test", "Ask the employer for a trial placement"]
AGREEMENT_COUNTS = [0, 1, 1, 1, 2]

CLOSING_REASONS = [("work", 26), ("education", 12), ("moved_away", 6), ("no_longer_wants_help", 12),
                   ("no_contact", 16), ("referred_elsewhere", 14), ("other", 14)]
CLOSING_REASON_OTHER = ["Client passed away", "Client started own business abroad", "Trajectory ended by the programme",
                        "Client entered a care trajectory"]
OPEN_STATUS = [("registered", 10), ("intake", 20), ("active", 55), ("paused", 15)]
MOVE_LABEL = {("registered", "intake"): "start the intake", ("intake", "active"): "start the trajectory",
              ("active", "paused"): "pause", ("paused", "active"): "resume", ("registered", "closed"): "close",
              ("intake", "closed"): "close", ("active", "closed"): "close", ("paused", "closed"): "close"}

WORK = [  # (sector as people write it, occupation, employer, the sector's code: transitions and outcomes)
    ("Zorg en welzijn", "Helpende zorg", "Zorggroep De Linde", "zorg"),
    ("Zorg en welzijn", "Medewerker thuiszorg", "Thuiszorg Samen", "zorg"),
    ("Techniek", "Monteur", "Installatiebedrijf Van Dam", "techniek"),
    ("Techniek", "Elektricien", "Elektro Noord BV", "techniek"),
    ("Logistiek", "Orderpicker", "Distributiecentrum Midden", "logistiek"),
    ("Logistiek", "Chauffeur", "Transport De Haan", "logistiek"),
    ("Detailhandel", "Verkoopmedewerker", "Supermarkt Plus", "detailhandel"),
    ("Bouw", "Timmerman", "Bouwbedrijf Hendriks", "bouw"),
    ("ICT", "Servicedesk", "IT Services Holland", "ict"),
    ("Horeca", "Medewerker bediening", "Grand Café Centraal", "horeca"),
    ("Onderwijs", "Onderwijsassistent", "Stichting Openbaar Onderwijs", "onderwijs"),
    ("Overheid", "Medewerker klantcontact", "Gemeentelijke dienst", "overheid"),
]
CONTRACTS = ["permanent", "fixed_term", "fixed_term", "fixed_term", "temp_agency", "temp_agency", "on_call"]
HOURS = ["16.0", "20.0", "24.0", "24.0", "32.0", "32.0", "36.0", "38.0", "40.0"]
INSTRUMENTS = ["", "", "", "", "proefplaatsing", "jobcoach", "loonkostensubsidie", "no_riskpolis",
               "werkervaringsplek"]
EDUCATION_PROGRAMMES = [("Entree", "mbo_1", "bbl"), ("Helpende zorg en welzijn", "mbo_2", "bbl"),
                        ("Logistiek medewerker", "mbo_2", "bol"), ("Verzorgende IG", "mbo_3", "bbl"),
                        ("Eerste monteur elektrotechniek", "mbo_3", "bbl"), ("Pedagogisch medewerker", "mbo_3", "llo"),
                        ("Associate degree ICT", "hbo", "llo")]
PRAKTIJKVERKLARINGEN = [
    ("25491", "Helpende zorg en welzijn", '["Biedt zorg", "Ondersteunt bij activiteiten"]', "zorg",
     "Zorggroep De Linde"),
    ("25257", "Logistiek medewerker", '["Ontvangt goederen", "Verzamelt orders"]', "logistiek",
     "Distributiecentrum Midden"),
    ("25416", "Medewerker bediening", '["Bereidt de bediening voor", "Ontvangt gasten"]', "horeca",
     "Grand Café Centraal"),
    ("25265", "Monteur elektrotechnische installaties", '["Bereidt werkzaamheden voor", "Legt installaties aan"]',
     "techniek", "Elektro Noord BV"),
    ("25370", "Verkoopmedewerker", '["Verkoopt producten", "Presenteert producten"]', "detailhandel",
     "Supermarkt Plus"),
]
CERTIFICATES = ["VCA Basis", "Heftruckcertificaat", "BHV", "Taalcertificaat NT2 niveau A2", "Hygiënecode horeca"]

REFERRAL_STATUSES = [("requested", 10), ("accepted", 10), ("declined", 12), ("withdrawn", 6), ("expired", 8),
                     ("in_progress", 14), ("completed", 28), ("failed", 12)]
REFERRAL_REASONS = ["Needs another kind of help", "Needs help towards work", "Looking for a training route",
                    "Needs debt counselling first", "Wants a praktijkverklaring route", "Needs a job coach"]
SERVICES = ["Career advice", "Advice and guidance", "Job matching", "Intake for a training route",
            "Debt counselling", "Work-fit assessment"]
DECLINE_REASONS = ["Not eligible for this service", "Client lives outside our area", "No capacity this quarter",
                   "Another service fits better"]
FAILURE_REASONS = ["Client stopped coming", "Client could not be reached", "Client moved away"]
OUTCOME_SUMMARIES = ["Placed in work", "Started a training course", "Trajectory completed", "Advice given"]
URGENCIES = ["routine"] * 7 + ["soon"] * 2 + ["urgent"]
