"""The pages the benchmark measures; no Django import, so the orchestrator can read it.

Every GET page of tests/test_role_matrix.py's MATRIX has a row here (tests/bench checks it), plus the
exports. Each row is (label, url name, kwargs key, role, query string).
"""

PAGES = [
    # Public pages.
    ("home", "contest:home", None, "anonymous", ""),
    ("rules", "contest:rules", None, "anonymous", ""),
    ("privacy", "contest:privacy", None, "anonymous", ""),
    ("nomination form", "nominations:nominate", None, "anonymous", ""),
    ("nomination sent", "nominations:sent", None, "anonymous", ""),
    ("nomination withdrawn", "nominations:withdrawn", None, "anonymous", ""),
    ("employer suggestions", "nominations:suggest_employers", None, "anonymous", "?q=res"),
    ("winners", "results:winners", None, "anonymous", ""),
    ("winners of the year", "results:winners_of", "year", "anonymous", ""),
    ("winners share image", "results:winners_share_image", "year", "anonymous", ""),
    ("engaged employers", "results:engaged_employers", None, "anonymous", ""),
    ("employer page", "results:employer", "employer", "anonymous", ""),
    ("employer share image", "results:employer_share_image", "employer", "anonymous", ""),
    ("leaderboard", "results:leaderboard", None, "anonymous", ""),
    ("leaderboard of the year", "results:leaderboard_of", "year", "anonymous", ""),
    ("editions", "results:editions", None, "anonymous", ""),
    # Private links (no account).
    ("youth's private page", "nominations:private", "token", "anonymous", ""),
    ("youth's edit form", "nominations:edit", "token", "anonymous", ""),
    ("youth's data (JSON)", "nominations:data_json", "token", "anonymous", ""),
    ("youth's data (CSV)", "nominations:data_csv", "token", "anonymous", ""),
    ("youth's withdrawal", "nominations:withdraw", "token", "anonymous", ""),
    ("parent's consent", "nominations:parent", "parent_code", "anonymous", ""),
    ("juror's invitation", "jury:accept_invitation", "invitation", "anonymous", ""),
    ("employer's profile", "results:employer_profile", "claim", "anonymous", ""),
    ("employer's badge", "results:employer_badge", "claim", "anonymous", ""),
    ("employer's certificate", "results:employer_certificate", "claim", "anonymous", ""),
    # Juror.
    ("juror dashboard", "jury:dashboard", None, "juror", ""),
    ("dossier", "jury:dossier", "candidacy", "juror", ""),
    ("score form", "jury:evaluate", "candidacy", "juror", ""),
    ("conflict form", "jury:declare_conflict", "candidacy", "juror", ""),
    ("juror's ranking", "jury:deliberation", "territory", "juror", ""),
    # Staff.
    ("staff home", "staff:home", None, "staff", ""),
    ("screening queue", "staff:screening", None, "staff", ""),
    ("nomination (staff)", "staff:nomination", "nomination", "staff", ""),
    ("merge employers", "staff:merge_employers", None, "staff", ""),
    ("panels", "staff:panels", None, "staff", ""),
    ("panel of a territory", "staff:panel_edit", "territory", "staff", ""),
    ("conflicts", "staff:conflicts", None, "staff", ""),
    ("assignments", "staff:assignments", None, "staff", ""),
    ("progress", "staff:progress", None, "staff", ""),
    ("jurors", "staff:jurors", None, "staff", ""),
    ("deliberation overview", "staff:deliberation", None, "staff", ""),
    ("deliberation of a territory", "staff:deliberation_territory", "territory", "staff", ""),
    ("deliberation CSV export", "staff:deliberation_territory", "territory", "staff", "?_export=csv"),
    ("deliberation XLSX export", "staff:deliberation_territory", "territory", "staff", "?_export=xlsx"),
    ("candidacy (staff)", "staff:candidacy", "candidacy", "staff", ""),
    ("prizes", "staff:prizes", None, "staff", ""),
    ("publish", "staff:publish", None, "staff", ""),
    ("audit log", "staff:audit", None, "staff", ""),
    ("audit CSV export", "staff:audit", None, "staff", "?_export=csv"),
    ("incidents", "staff:incidents", None, "staff", ""),
    ("incident", "staff:incident_edit", "incident", "staff", ""),
]

# Pages served by gunicorn in the throughput table: the public pages and a territory's deliberation.
THROUGHPUT_PAGES = ["home", "winners", "engaged employers", "leaderboard", "deliberation of a territory"]
EXPORTS = ["deliberation CSV export", "deliberation XLSX export", "audit CSV export"]
