"""The words of the demo network: its partner schools and people, and what they wrote (synthetic, in the voice of
seed 000's schools; the six composites' titles are the report's own)."""

from __future__ import annotations

PARTNER_SCHOOLS = (  # district, school, lowest grade, highest grade; the first is in cohort 1, the rest cohort 2
    ("Lakeshore Regional School District", "Lakeshore Union High School", 9, 12),
    ("Lakeshore Regional School District", "Lakeshore Middle School", 6, 8),
    ("Cold River Unified District", "Cold River Valley High School", 9, 12),
    ("Maple Ridge School District", "Maple Ridge Academy", 7, 12),
)
NETWORK_STAFF = (("renee.okafor", "Renée", "Okafor"), ("tomas.whitcomb", "Tomás", "Whitcomb"))
PARTNER_COACHES = (("dana.pelletier", "Dana", "Pelletier"), ("miguel.santos", "Miguel", "Santos"))
PARTNER_LEADERS = (
    ("grace.lindqvist", "Grace", "Lindqvist"),
    ("owen.tremblay", "Owen", "Tremblay"),
    ("priya.raman", "Priya", "Raman"),
    ("samuel.beaulieu", "Samuel", "Beaulieu"),
)

YEAR_1_SUPPORTS = (
    "$25,000 grant",
    "Principals' PLG",
    "League meetings",
    "League Conference",
    "PLG Facilitator Training",
)
YEAR_2_SUPPORTS = (
    "Principals' PLG",
    "League meetings",
    "League Conference",
    "Teaching + Learning Institute",
    "Celebration Event",
)

# The share of schools that had completed each quoted activity at the end of the grant (seed 000, Table 2).
END_OF_GRANT_COMPLETION = {3: 1.0, 4: 1.0, 21: 1.0, 12: 0.95, 1: 0.9, 16: 0.55, 18: 0.53, 7: 0.5, 17: 0.32, 8: 0.29}

GRID_TEXTS = {  # activity number: (benchmark, evidence)
    1: (
        "Graduation standards adopted by the board and published to families.",
        "Board adopted eight cross-curricular and content-area standards; posted on the website and in the handbook.",
    ),
    3: (
        "Every classroom sustains 30 devices streaming at once.",
        "Network audit in October; new access points in B wing.",
    ),
    4: (
        "At least one trained facilitator per PLG.",
        "Four teachers attended the facilitator training; each leads a PLG.",
    ),
    7: (
        "Students in every course choose how they show proficiency on at least one indicator per unit.",
        "Choice boards in 9th-grade English and science; other departments piloting.",
    ),
    8: ("Every senior submits at least one application by May 1.", "Senior seminar tracks applications weekly."),
    12: (
        "A device for every student, checked out in September.",
        "1:1 Chromebooks since last year; loaner cart in the library.",
    ),
    16: (
        "Leaders make 10 short visits a week and share patterns with the faculty twice a year.",
        "Visit tool used since January; first patterns shared at the February faculty meeting.",
    ),
    17: (
        "Eighth-grade teachers pass each student's standards record to the high school in June.",
        "A first meeting between the two schools' teams in May.",
    ),
    18: (
        "A tiered intervention block four days a week.",
        "WIN block on the schedule; tier 2 groups formed from the flags.",
    ),
    21: ("The principal joins the monthly principals' PLG.", "Attended 7 of 8 meetings this year."),
}

FOCUS_NOTES = {
    "policy": (
        "Reviewed the draft grading policy with the leadership team; the reassessment section needs a clear limit.",
        "Worked on the board presentation of the graduation standards.",
        "Mapped which courses assess each graduation standard; two standards have no course yet.",
    ),
    "capacity_building": (
        "Modelled a calibration protocol with the math department using three pieces of student work.",
        "Planned the PLG calendar with the facilitators; agreed on the tuning protocol for October.",
        "Co-designed a performance task with the 10th-grade team and its scoring guide.",
    ),
    "community_engagement": (
        "Prepared the family night on the new report card; translated the one-page guide into Spanish.",
        "Met the school board's curriculum committee to answer questions on proficiency-based diplomas.",
        "Drafted the student-led conference script with the advisory teachers.",
    ),
}
CHECK_IN_NOTES = (
    "Two new teachers asked for help writing learning targets.",
    "Science teachers want a shared rubric bank.",
    "Teachers asked how reassessment fits in the intervention block.",
    "",
)

SITE_VISIT = (
    "Classrooms visited in every department; learning targets posted in most, referenced in few. Students in two "
    "classes worked at different points of a unit.",
    "Students: want to know what 'meets' looks like before the task. Teachers: time to score together is scarce.",
    "{school} has a committed leadership team and a clear rationale for the change. Next: common scoring guides, a "
    "schedule for PLGs, and a plan to explain the new grading to families.",
)

PLAN_TITLES = ("First year of implementation: foundations", "Second year: from pilots to the whole school")
PLAN_STEPS = (  # grid activity number, action, owner
    (1, "Publish the graduation standards and their performance indicators to families.", "Principal"),
    (4, "Train a second group of PLG facilitators.", "Assistant principal with the coach"),
    (18, "Build tier 2 groups in the WIN block from the flags every three weeks.", "Counselor"),
    (16, "Classroom visits: ten a week, patterns shared with the faculty in February and June.", "Principal"),
    (17, "Meet the middle school's grade 8 team to pass on standards records.", "Leadership team"),
)
STEP_NOTES = (
    "Done in September; family guide in English and Spanish.",
    "Four teachers trained in October.",
    "First groups formed; attendance to watch.",
    "Visits started in January; 23 so far.",
)

PLGS = (
    ("Grade 9 team", "Common scoring of the first performance task of each unit.", "Alicia Moreau"),
    ("Math department", "Calibration on the problem-solving indicator.", "Ben Osei"),
    ("Advisory", "Student-led conferences and goal setting.", "Carmen Diaz"),
)
PLG_PROTOCOLS = (
    ("Looking at student work", "Six samples of the argument essay, names removed"),
    ("Tuning protocol", "Draft performance task: water quality investigation"),
    ("Calibration", "Three lab reports scored independently, then compared"),
    ("Consultancy", "Dilemma: reassessment requests in the last week of the term"),
)

COMPOSITES = (
    ("Vision + Mission", "We now share a vision for personalized learning, and staff take collective responsibility."),
    ("PLGs", "PLGs took time to take hold; now teachers share work and look at student work together monthly."),
    ("Language of Proficiency", "Teachers, students and families talk about learning in terms of proficiency."),
    ("Systems", "Structures — the schedule, the intervention block, the transcript — now support the change."),
    ("Voice + Choice", "Students exercise more voice and choice in how they learn and show what they know."),
    ("Awareness of Capacity", "We found our staff has far more capacity to lead this work than we knew."),
)
STORIES = (  # title, told by, story, why significant, composite
    (
        "We all say the same thing now",
        "the principal",
        "Two years ago every department had its own idea of what proficiency meant. Now we have one vision, written "
        "with the teachers, and new staff learn it in their first week.",
        "Without it nothing else would hold.",
        "Vision + Mission",
    ),
    (
        "The PLG that almost stopped",
        "a PLG facilitator",
        "Our first PLGs were cancelled more often than they met. This year we meet every month and bring student "
        "work every time.",
        "Teachers trust each other with their work.",
        "PLGs",
    ),
    (
        "Students ask what 'meets' looks like",
        "a 10th-grade teacher",
        "Students now ask for the scoring guide before they start. They talk about evidence, not points.",
        "The language changed how they work.",
        "Language of Proficiency",
    ),
    (
        "The WIN block",
        "the assistant principal",
        "We rebuilt the schedule around a 40-minute intervention block. Students who need help get it during the day.",
        "It made reassessment possible.",
        "Systems",
    ),
    (
        "Choosing how to show it",
        "a student",
        "In science I chose to make a video instead of a test to show the indicator. I had to know it better.",
        "Students own their learning.",
        "Voice + Choice",
    ),
    (
        "Teachers leading teachers",
        "the leadership team",
        "Our facilitators now run the PLGs without the coach. We did not know we had these leaders.",
        "The work will outlast the grant.",
        "Awareness of Capacity",
    ),
    (
        "Families at the table",
        "the school counselor",
        "Family night on the new report card filled the cafeteria. Parents asked good questions.",
        "Families understand progress now.",
        "Language of Proficiency",
    ),
    (
        "A transcript that tells the story",
        "the registrar",
        "Our transcript now lists graduation standards met, with dates. Colleges called to ask about it, and liked it.",
        "It made the change visible outside.",
        "Systems",
    ),
)

PRACTICES = (  # title, topic, description, materials
    (
        "A standards-based transcript colleges read",
        "Transcript design",
        "One page: each graduation standard with the date met and the evidence behind it, with a school profile "
        "explaining the scale.",
        "Transcript template\nSchool profile for admissions offices\nFAQ for counselors",
    ),
    (
        "Four-day WIN block",
        "Intervention-block scheduling",
        "A 40-minute block Monday to Thursday; groups rebuilt every three weeks from the flags.",
        "Bell schedule\nGrouping spreadsheet\nTeacher sign-up form",
    ),
    (
        "Advisory with goal setting",
        "Advisory time",
        "Every student meets their advisor weekly, sets a goal per term and reviews it with evidence.",
        "Advisory curriculum, grades 9–12\nGoal-setting sheet",
    ),
    (
        "Student-led conferences",
        "Family engagement",
        "Students lead a 20-minute conference with their family, showing evidence for two standards.",
        "Conference script\nFamily invitation in English and Spanish",
    ),
)

FINAL_ANSWERS = (
    "Coaching that held us to our goals when the year got hard, and the principals' network.",
    "Extend the intervention block to the middle school; a second round of PLG facilitator training.",
    "Keep the principals' PLG going and help us find schools like ours to visit.",
)

VISIT_CONTEXTS = (
    "Grade 9 English",
    "Grade 10 science",
    "Algebra I",
    "Grade 11 history",
    "Grade 7 math",
    "Art studio",
    "Grade 12 seminar",
    "Spanish II",
    "Grade 8 science",
    "Advisory",
)
SHARING = "Faculty meeting: the patterns on one slide, then department discussion of the least-seen practice."
GBP_EVIDENCE = (
    "Little in place yet; a few teachers on their own.",
    "Started in some departments; the leadership team has a plan.",
    "Most classrooms; agreed practice, written down and reviewed in PLGs.",
    "School-wide and sustained; students and families can describe it.",
)
