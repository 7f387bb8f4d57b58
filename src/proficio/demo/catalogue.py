"""Static content catalogue for the synthetic demo district.

This module is pure data: it describes a realistic proficiency-based graduation
framework (cross-curricular standards, content-area standards with performance
indicators and learning objectives, work habits), the proficiency scales, and the
names, course titles, assessment titles and feedback comments that the demo
generator draws from. It has no Django imports and no side effects.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class IndicatorSpec:
    """A performance indicator and the learning objectives that build toward it."""

    code: str
    statement: str
    objectives: tuple[str, ...]


@dataclass(frozen=True)
class StandardSpec:
    """A graduation standard (cross-curricular, content-area or work habit)."""

    code: str
    title: str
    statement: str
    kind: str
    content_area: str
    indicators: tuple[IndicatorSpec, ...]


@dataclass(frozen=True)
class LevelSpec:
    """One level of a proficiency scale."""

    value: int
    label: str
    description: str
    is_threshold: bool


KIND_CROSS_CURRICULAR = "cross_curricular"
KIND_CONTENT_AREA = "content_area"
KIND_WORK_HABIT = "work_habit"

CONTENT_AREAS: dict[str, str] = {
    "ela": "English language arts",
    "math": "Mathematics",
    "science": "Science",
    "social_studies": "Social studies",
    "world_languages": "World languages",
    "arts": "Visual and performing arts",
    "pe_health": "Physical education and health",
}

#: Prefix used in standard and indicator codes for each content area.
CONTENT_AREA_PREFIXES: dict[str, str] = {
    "ela": "ELA",
    "math": "MATH",
    "science": "SCI",
    "social_studies": "SS",
    "world_languages": "WL",
    "arts": "ART",
    "pe_health": "PEH",
}

GRADES: tuple[int, ...] = (6, 7, 8, 9, 10, 11, 12)

# ---------------------------------------------------------------------------
# Proficiency scales
# ---------------------------------------------------------------------------

ACADEMIC_SCALE: tuple[LevelSpec, ...] = (
    LevelSpec(
        value=1,
        label="Does not meet",
        description=("The student shows limited understanding and needs substantial support to demonstrate the skill."),
        is_threshold=False,
    ),
    LevelSpec(
        value=2,
        label="Partially meets",
        description=("The student demonstrates parts of the skill but with errors, gaps or reliance on support."),
        is_threshold=False,
    ),
    LevelSpec(
        value=3,
        label="Meets",
        description="The student independently and accurately demonstrates the skill at the expected level.",
        is_threshold=True,
    ),
    LevelSpec(
        value=4,
        label="Exceeds",
        description=(
            "The student applies the skill with depth and insight, transferring it to new or complex contexts."
        ),
        is_threshold=False,
    ),
)

WORK_HABIT_SCALE: tuple[LevelSpec, ...] = (
    LevelSpec(
        value=1,
        label="Rarely",
        description="The student seldom demonstrates this habit, even with reminders and support.",
        is_threshold=False,
    ),
    LevelSpec(
        value=2,
        label="Sometimes",
        description="The student demonstrates this habit inconsistently and often needs reminders.",
        is_threshold=False,
    ),
    LevelSpec(
        value=3,
        label="Usually",
        description="The student demonstrates this habit most of the time with little prompting.",
        is_threshold=True,
    ),
    LevelSpec(
        value=4,
        label="Consistently",
        description="The student reliably demonstrates this habit and models it for others.",
        is_threshold=False,
    ),
)

# ---------------------------------------------------------------------------
# Builders
# ---------------------------------------------------------------------------

# (indicator statement, learning objectives)
_Indicator = tuple[str, tuple[str, ...]]


def _standard(
    code: str,
    title: str,
    statement: str,
    kind: str,
    content_area: str,
    indicators: tuple[_Indicator, ...],
) -> StandardSpec:
    """Build a standard, numbering its indicators ``<code>.1``, ``<code>.2`` ..."""
    return StandardSpec(
        code=code,
        title=title,
        statement=statement,
        kind=kind,
        content_area=content_area,
        indicators=tuple(
            IndicatorSpec(code=f"{code}.{number}", statement=text, objectives=objectives)
            for number, (text, objectives) in enumerate(indicators, start=1)
        ),
    )


def _cc(code: str, title: str, statement: str, indicators: tuple[_Indicator, ...]) -> StandardSpec:
    return _standard(code, title, statement, KIND_CROSS_CURRICULAR, "", indicators)


def _wh(code: str, title: str, statement: str, indicators: tuple[_Indicator, ...]) -> StandardSpec:
    return _standard(code, title, statement, KIND_WORK_HABIT, "", indicators)


def _ca(area: str, code: str, title: str, statement: str, indicators: tuple[_Indicator, ...]) -> StandardSpec:
    return _standard(code, title, statement, KIND_CONTENT_AREA, area, indicators)


# ---------------------------------------------------------------------------
# Cross-curricular graduation standards
# ---------------------------------------------------------------------------

CROSS_CURRICULAR: tuple[StandardSpec, ...] = (
    _cc(
        "CC.1",
        "Clear and effective communicator",
        (
            "Students communicate clearly and purposefully in writing, speech and media for a variety of "
            "audiences and purposes."
        ),
        (
            (
                "Organize ideas logically so that a reader or listener can follow the line of thought.",
                ("Outline main points before drafting", "Use transitions to connect ideas"),
            ),
            (
                "Adapt language, tone and format to the purpose and audience.",
                (
                    "Identify the audience and purpose of a communication task",
                    "Choose vocabulary and register suited to the audience",
                ),
            ),
            (
                "Support claims with relevant, credible evidence drawn from multiple sources.",
                (
                    "Evaluate a source for credibility and bias",
                    "Integrate quotations and paraphrases accurately",
                    "Explain how each piece of evidence supports the claim",
                ),
            ),
            (
                "Deliver oral presentations with clear speech, eye contact and purposeful visuals.",
                (
                    "Rehearse a presentation using brief speaker notes",
                    "Design slides that support rather than repeat the spoken message",
                ),
            ),
            (
                "Listen actively and respond to others' ideas with relevant questions and comments.",
                ("Paraphrase a speaker's main point before responding", "Ask clarifying questions"),
            ),
            (
                "Use digital tools and media to share information and ideas effectively.",
                (
                    "Select a digital format that fits the message",
                    "Cite digital sources and media correctly",
                ),
            ),
        ),
    ),
    _cc(
        "CC.2",
        "Self-directed and lifelong learner",
        (
            "Students take ownership of their learning by setting goals, monitoring progress and seeking out "
            "new knowledge and skills."
        ),
        (
            (
                "Set specific, measurable learning goals and create a realistic plan to reach them.",
                ("Write a SMART learning goal", "Break a goal into weekly action steps"),
            ),
            (
                "Monitor progress toward goals and adjust strategies based on feedback.",
                (
                    "Track progress in a learning log",
                    "Revise a plan in response to teacher or peer feedback",
                ),
            ),
            (
                "Reflect on personal strengths, needs and interests to guide future learning.",
                (
                    "Describe a learning strength with specific evidence",
                    "Name one skill to improve and a strategy for improving it",
                ),
            ),
            (
                (
                    "Seek out and use resources, including people, texts and technology, to overcome "
                    "learning challenges."
                ),
                (
                    "Recognize when help is needed",
                    "Locate appropriate resources independently",
                    "Evaluate whether a resource actually helped",
                ),
            ),
            (
                "Manage time and materials to complete extended tasks by their deadlines.",
                (
                    "Schedule work using a planner or digital calendar",
                    "Prioritize tasks by importance and due date",
                ),
            ),
            (
                "Pursue a topic of personal interest beyond the requirements of a course.",
                (
                    "Generate questions about a topic of personal interest",
                    "Share independent learning with an authentic audience",
                ),
            ),
        ),
    ),
    _cc(
        "CC.3",
        "Creative and practical problem solver",
        "Students define problems, generate and test creative solutions, and persevere through challenges.",
        (
            (
                "Define a problem clearly, including its constraints and criteria for success.",
                ("Restate a problem in your own words", "List the constraints and success criteria"),
            ),
            (
                "Generate several possible solutions before choosing the most promising one.",
                (
                    "Use brainstorming techniques to produce varied ideas",
                    "Compare options using a decision matrix",
                ),
            ),
            (
                "Test a solution, analyze the results and refine it based on evidence.",
                (
                    "Design a simple test for a proposed solution",
                    "Record results accurately",
                    "Identify changes the results suggest",
                ),
            ),
            (
                "Apply knowledge and strategies from other contexts to an unfamiliar problem.",
                (
                    "Identify similarities between a new problem and one already solved",
                    "Adapt a known strategy to a new situation",
                ),
            ),
            (
                "Persevere through setbacks by analyzing what went wrong and trying alternative approaches.",
                ("Explain why an approach did not work", "Select and try a different strategy"),
            ),
            (
                "Propose original ideas or products that address a real need.",
                (
                    "Identify a genuine need in the school or community",
                    "Build a prototype or model of an original idea",
                ),
            ),
        ),
    ),
    _cc(
        "CC.4",
        "Responsible and involved citizen",
        (
            "Students participate respectfully and productively in their school and community and recognize "
            "their responsibilities as members of a diverse, democratic society."
        ),
        (
            (
                "Contribute to the school or wider community through service or civic action.",
                ("Identify a community need", "Plan and carry out a service activity"),
            ),
            (
                "Demonstrate respect for people of diverse backgrounds, beliefs and perspectives.",
                (
                    "Describe a perspective different from your own",
                    "Use inclusive language in discussion",
                ),
            ),
            (
                "Explain how individual choices affect other people and the environment.",
                (
                    "Trace the effects of a personal decision on others",
                    "Identify sustainable alternatives to everyday practices",
                ),
            ),
            (
                "Make ethical decisions and take responsibility for their consequences.",
                (
                    "Apply an ethical framework to a dilemma",
                    "Acknowledge mistakes and take steps to make amends",
                ),
            ),
            (
                "Engage in civil discourse on issues of public importance.",
                (
                    "Prepare evidence-based arguments on a public issue",
                    "Respond to opposing views respectfully",
                    "Find common ground among differing positions",
                ),
            ),
            (
                "Use digital tools safely, ethically and responsibly.",
                ("Protect personal information online", "Give credit for others' digital work"),
            ),
        ),
    ),
    _cc(
        "CC.5",
        "Integrative and informed thinker",
        (
            "Students make connections across disciplines, evaluate information critically and apply "
            "knowledge to new situations."
        ),
        (
            (
                "Connect concepts and skills from two or more disciplines to explain a complex issue.",
                (
                    "Identify the disciplines that inform an issue",
                    "Explain how ideas from each discipline fit together",
                ),
            ),
            (
                "Evaluate the accuracy, credibility and relevance of information sources.",
                (
                    "Check a claim against independent sources",
                    "Identify the author, purpose and date of a source",
                ),
            ),
            (
                "Analyze an issue from multiple perspectives before drawing a conclusion.",
                (
                    "Summarize at least two competing viewpoints fairly",
                    "Identify the values behind each viewpoint",
                ),
            ),
            (
                "Use logical reasoning and evidence to draw and justify conclusions.",
                ("Distinguish valid from flawed reasoning", "Explain how evidence leads to a conclusion"),
            ),
            (
                "Distinguish among fact, opinion and reasoned judgment.",
                (
                    "Sort statements as fact, opinion or reasoned judgment",
                    "Identify loaded or emotional language",
                ),
            ),
            (
                "Apply classroom learning to interpret events and issues in the world beyond school.",
                (
                    "Connect a current event to a concept studied in class",
                    "Explain how a course concept helps predict real-world outcomes",
                ),
            ),
            (
                "Synthesize information from several sources to create a new understanding or product.",
                (
                    "Identify agreements and contradictions among sources",
                    "Combine ideas from sources into an original conclusion",
                ),
            ),
        ),
    ),
    _cc(
        "CC.6",
        "Collaborative team member",
        (
            "Students work effectively with others toward shared goals, taking on a variety of roles and "
            "valuing each member's contributions."
        ),
        (
            (
                "Share responsibility for a group's work by completing assigned roles and tasks.",
                ("Clarify individual roles at the start of a project", "Complete tasks by agreed deadlines"),
            ),
            (
                "Contribute ideas while building on the ideas of others.",
                ("Offer at least one idea in each group meeting", "Extend or refine a teammate's suggestion"),
            ),
            (
                "Resolve disagreements constructively and seek workable compromises.",
                (
                    "Describe a conflict using neutral language",
                    "Propose a compromise that addresses each person's concerns",
                ),
            ),
            (
                "Give and receive specific, constructive feedback.",
                (
                    "Use sentence stems to give specific feedback",
                    "Respond to feedback without becoming defensive",
                ),
            ),
            (
                "Help the group set goals, plan tasks and monitor progress.",
                (
                    "Create a shared task list with owners and dates",
                    "Lead a brief check-in on group progress",
                ),
            ),
        ),
    ),
)

# ---------------------------------------------------------------------------
# Content-area graduation standards
# ---------------------------------------------------------------------------

_ELA: tuple[StandardSpec, ...] = (
    _ca(
        "ela",
        "ELA.1",
        "Reading literature",
        (
            "Students read and analyze a range of literary texts, using textual evidence to interpret "
            "meaning, craft and structure."
        ),
        (
            (
                (
                    "Cite strong textual evidence to support an analysis of what a literary text says "
                    "explicitly and implicitly."
                ),
                (
                    "Distinguish explicit details from inferences",
                    "Select the most relevant quotation to support a claim",
                ),
            ),
            (
                ("Determine a theme of a literary text and analyze its development over the course of the text."),
                (
                    "Distinguish a theme from a topic",
                    "Trace how key details shape a theme",
                    "Write an objective summary of a story",
                ),
            ),
            (
                "Analyze how complex characters develop, interact with others and advance the plot or theme.",
                (
                    "Identify direct and indirect characterization",
                    "Explain how a character's choice changes the direction of the plot",
                ),
            ),
            (
                (
                    "Analyze how an author's structural choices, such as pacing, flashback or parallel "
                    "plots, create effects such as tension or surprise."
                ),
                (
                    "Map the structure of a story on a plot diagram",
                    "Explain the effect of a flashback or time shift",
                ),
            ),
            (
                "Interpret figurative language and analyze how word choice shapes meaning and tone.",
                (
                    "Identify metaphor, symbolism and personification",
                    "Describe how connotation affects tone",
                ),
            ),
            (
                ("Compare how two or more texts from different time periods or cultures treat a similar theme."),
                (
                    "Identify a shared theme across two texts",
                    "Explain how historical or cultural context shapes each treatment",
                ),
            ),
        ),
    ),
    _ca(
        "ela",
        "ELA.2",
        "Reading for understanding",
        (
            "Students read complex informational texts closely to determine central ideas, evaluate "
            "arguments and integrate information."
        ),
        (
            (
                "Analyze how an author develops a text's central idea using evidence.",
                (
                    "Identify the central idea of an informational text",
                    "Trace the supporting details an author uses to develop it",
                ),
            ),
            (
                "Determine an author's point of view or purpose and analyze how rhetoric advances it.",
                (
                    "Identify an author's purpose and intended audience",
                    "Recognize appeals to ethos, pathos and logos",
                ),
            ),
            (
                (
                    "Delineate and evaluate the argument in a text, assessing whether the reasoning is valid "
                    "and the evidence sufficient."
                ),
                (
                    "Outline the claim, reasons and evidence of an argument",
                    "Identify common logical fallacies",
                    "Judge whether evidence is relevant and sufficient",
                ),
            ),
            (
                ("Analyze how an author unfolds a series of ideas or events and the connections drawn between them."),
                (
                    "Recognize text structures such as cause and effect or problem and solution",
                    "Explain how sequence affects a reader's understanding",
                ),
            ),
            (
                ("Integrate and evaluate information presented in different media or formats to answer a question."),
                (
                    "Interpret charts, maps and infographics alongside print text",
                    "Compare how the same information is presented in two formats",
                ),
            ),
            (
                "Determine the meaning of technical and domain-specific words using context and word parts.",
                (
                    "Use Greek and Latin roots to infer word meanings",
                    "Verify an inferred meaning with a reference source",
                ),
            ),
        ),
    ),
    _ca(
        "ela",
        "ELA.3",
        "Argument writing",
        (
            "Students write arguments that support claims about substantive topics with valid reasoning and "
            "relevant, sufficient evidence."
        ),
        (
            (
                "Introduce a precise, arguable claim and distinguish it from alternate or opposing claims.",
                ("Write a claim that is specific and debatable", "Identify the strongest opposing claim"),
            ),
            (
                "Develop claims and counterclaims fairly, supplying the most relevant evidence for each.",
                (
                    "Select credible evidence that directly supports each reason",
                    "Write a counterclaim and rebuttal paragraph",
                ),
            ),
            (
                ("Use transitions and varied syntax to clarify the relationships among claims, reasons and evidence."),
                (
                    "Use transitional phrases that signal contrast, cause and concession",
                    "Combine sentences to show relationships between ideas",
                ),
            ),
            (
                "Establish and maintain a formal style and objective tone appropriate to academic writing.",
                (
                    "Replace informal language with precise academic vocabulary",
                    "Avoid unsupported generalizations",
                ),
            ),
            (
                "Write a conclusion that follows from the argument and explains its significance.",
                (
                    "Restate the claim in light of the evidence presented",
                    "Explain why the argument matters to the audience",
                ),
            ),
        ),
    ),
    _ca(
        "ela",
        "ELA.4",
        "Informative and narrative writing",
        (
            "Students write clear informative texts and engaging narratives, using the writing process to "
            "strengthen their work."
        ),
        (
            (
                (
                    "Write informative texts that examine a topic clearly through well-chosen facts, "
                    "definitions and examples."
                ),
                (
                    "Select the most significant facts for a topic",
                    "Define key terms for a general audience",
                ),
            ),
            (
                "Organize complex ideas using paragraphs, headings and graphics when they aid understanding.",
                (
                    "Group related information into logical sections",
                    "Add a table or diagram that clarifies a complex idea",
                ),
            ),
            (
                ("Write narratives that develop real or imagined experiences using well-structured event sequences."),
                (
                    "Establish a point of view and situation in an opening",
                    "Sequence events so they build toward a resolution",
                ),
            ),
            (
                ("Use dialogue, pacing, description and reflection to develop experiences, events and characters."),
                (
                    "Punctuate dialogue correctly",
                    "Slow the pacing at a key moment using detail",
                    "Add reflection that reveals a character's growth",
                ),
            ),
            (
                ("Use precise language, domain-specific vocabulary and sensory details to convey a vivid picture."),
                ("Replace vague words with precise nouns and verbs", "Add sensory details to a scene"),
            ),
            (
                (
                    "Plan, revise, edit and rewrite to strengthen writing, focusing on what matters most for "
                    "the purpose and audience."
                ),
                (
                    "Use a revision checklist to identify weaknesses",
                    "Make substantive revisions based on peer feedback",
                ),
            ),
        ),
    ),
    _ca(
        "ela",
        "ELA.5",
        "Research and inquiry",
        (
            "Students conduct research to answer questions and solve problems, gathering, evaluating and "
            "citing information ethically."
        ),
        (
            (
                "Conduct short and sustained research projects to answer a question or solve a problem.",
                ("Develop a focused research question", "Create a research plan with a timeline"),
            ),
            (
                "Narrow or broaden an inquiry question as new information emerges.",
                (
                    "Recognize when a question is too broad or too narrow",
                    "Revise a research question based on preliminary reading",
                ),
            ),
            (
                (
                    "Gather relevant information from multiple authoritative print and digital sources using "
                    "advanced search strategies."
                ),
                (
                    "Use Boolean operators and database filters",
                    "Take organized notes that record each source",
                ),
            ),
            (
                "Assess the credibility, accuracy and bias of each source.",
                (
                    "Apply a source evaluation checklist",
                    "Corroborate information across independent sources",
                ),
            ),
            (
                "Integrate information selectively to maintain the flow of ideas while avoiding plagiarism.",
                (
                    "Paraphrase without changing the original meaning",
                    "Introduce and explain quotations smoothly",
                ),
            ),
            (
                "Cite sources accurately using a standard format such as MLA or APA.",
                ("Create a works cited entry for several source types", "Use correct in-text citations"),
            ),
        ),
    ),
    _ca(
        "ela",
        "ELA.6",
        "Speaking, listening and language",
        (
            "Students participate in collaborative conversations, present ideas effectively and demonstrate "
            "command of standard English conventions."
        ),
        (
            (
                (
                    "Prepare for and participate in collaborative discussions, building on others' ideas and "
                    "expressing their own clearly."
                ),
                (
                    "Annotate a text in preparation for discussion",
                    "Use discussion stems to build on a peer's comment",
                ),
            ),
            (
                ("Present information, findings and evidence so that listeners can follow the line of reasoning."),
                (
                    "Structure a presentation with a clear introduction and conclusion",
                    "Adjust pace and volume",
                ),
            ),
            (
                "Evaluate a speaker's point of view, reasoning and use of evidence and rhetoric.",
                (
                    "Take notes on a speaker's main claims",
                    "Identify exaggerated or distorted evidence in a speech",
                ),
            ),
            (
                "Demonstrate command of standard English grammar and usage when writing or speaking.",
                (
                    "Correct errors in subject-verb and pronoun-antecedent agreement",
                    "Use parallel structure",
                ),
            ),
            (
                "Apply conventions of capitalization, punctuation and spelling in writing.",
                (
                    "Use semicolons and colons correctly",
                    "Edit a draft for comma splices and run-on sentences",
                ),
            ),
            (
                "Vary sentence patterns for meaning, reader interest and style.",
                (
                    "Begin sentences with phrases and clauses",
                    "Combine short sentences into complex sentences",
                ),
            ),
            (
                "Make strategic use of digital media in presentations to enhance understanding.",
                ("Select images and audio that reinforce key points", "Cite media used in a presentation"),
            ),
        ),
    ),
)

_MATH: tuple[StandardSpec, ...] = (
    _ca(
        "math",
        "MATH.1",
        "Number and quantity",
        ("Students reason fluently with rational and real numbers, ratios and units to solve problems in context."),
        (
            (
                "Compute fluently with rational numbers, including fractions, decimals and negative numbers.",
                (
                    "Add, subtract, multiply and divide signed numbers",
                    "Convert among fractions, decimals and percents",
                ),
            ),
            (
                ("Use ratio and rate reasoning to solve real-world problems involving unit rates and percents."),
                (
                    "Find and compare unit rates",
                    "Solve percent increase, decrease and markup problems",
                ),
            ),
            (
                (
                    "Apply properties of integer exponents and scientific notation to write equivalent "
                    "expressions and compare quantities."
                ),
                (
                    "Simplify expressions using the laws of exponents",
                    "Multiply and divide numbers in scientific notation",
                ),
            ),
            (
                ("Rewrite expressions involving radicals and rational exponents using the properties of exponents."),
                (
                    "Convert between radical and rational exponent forms",
                    "Simplify square roots of non-perfect squares",
                ),
            ),
            (
                "Choose and interpret units consistently in formulas and multi-step problems.",
                (
                    "Use dimensional analysis to convert units",
                    "Check that a solution has sensible units",
                ),
            ),
            (
                ("Classify numbers as rational or irrational and approximate irrational numbers on a number line."),
                (
                    "Explain why a repeating decimal is rational",
                    "Estimate the value of a square root between two integers",
                ),
            ),
        ),
    ),
    _ca(
        "math",
        "MATH.2",
        "Algebraic reasoning",
        (
            "Students create, interpret and solve equations and inequalities to represent and reason about "
            "relationships between quantities."
        ),
        (
            (
                "Write, interpret and rewrite linear expressions in equivalent forms.",
                (
                    "Apply the distributive property and combine like terms",
                    "Interpret the parts of an expression in context",
                ),
            ),
            (
                (
                    "Solve linear equations and inequalities in one variable, including those with variables "
                    "on both sides."
                ),
                (
                    "Solve multi-step equations",
                    "Graph the solution set of an inequality",
                    "Identify equations with no solution or infinitely many solutions",
                ),
            ),
            (
                (
                    "Solve systems of linear equations algebraically and graphically and interpret the "
                    "solution in context."
                ),
                (
                    "Solve a system by substitution and by elimination",
                    "Estimate a solution from a graph",
                    "Explain what the solution means in a real situation",
                ),
            ),
            (
                "Factor quadratic expressions and use the factored form to reveal the zeros of a function.",
                ("Factor trinomials and differences of squares", "Apply the zero product property"),
            ),
            (
                ("Solve quadratic equations by factoring, completing the square and using the quadratic formula."),
                (
                    "Choose an efficient method for a given quadratic",
                    "Use the discriminant to determine the number of real solutions",
                ),
            ),
            (
                "Create equations and inequalities that represent constraints in a modeling situation.",
                (
                    "Define variables for unknown quantities",
                    "Write an inequality for a budget or capacity constraint",
                ),
            ),
            (
                "Rearrange formulas to highlight a quantity of interest.",
                ("Solve a literal equation for a specified variable", "Apply inverse operations in order"),
            ),
            (
                ("Solve simple rational and radical equations in one variable and identify extraneous solutions."),
                (
                    "Isolate a radical and square both sides",
                    "Check each solution in the original equation",
                ),
            ),
        ),
    ),
    _ca(
        "math",
        "MATH.3",
        "Functions",
        (
            "Students understand functions as relationships between quantities and use them to model, "
            "analyze and compare situations."
        ),
        (
            (
                ("Determine whether a relationship is a function using tables, graphs, equations and mappings."),
                ("Apply the vertical line test", "Use function notation to evaluate inputs"),
            ),
            (
                (
                    "Interpret key features of graphs and tables, such as intercepts, intervals of increase "
                    "and maximums, in terms of a context."
                ),
                (
                    "Identify domain and range from a graph",
                    "Describe where a function is increasing or decreasing",
                ),
            ),
            (
                (
                    "Distinguish between situations that can be modeled with linear functions and with "
                    "exponential functions."
                ),
                (
                    "Recognize constant differences versus constant ratios",
                    "Explain growth by equal factors over equal intervals",
                ),
            ),
            (
                ("Construct linear and exponential functions from a graph, a description or two input-output pairs."),
                (
                    "Calculate slope from two points",
                    "Write an exponential function from a growth or decay rate",
                ),
            ),
            (
                (
                    "Analyze the effect of transformations on the graph of a function, including f(x) + k, k "
                    "f(x) and f(x + k)."
                ),
                (
                    "Describe vertical and horizontal shifts",
                    "Predict the effect of a vertical stretch or reflection",
                ),
            ),
            (
                "Compare properties of two functions when each is represented in a different way.",
                (
                    "Compare rates of change from a table and an equation",
                    "Determine which function has the greater maximum",
                ),
            ),
            (
                "Build new functions from existing functions through composition and inverses.",
                ("Evaluate a composite function", "Find the inverse of a linear function"),
            ),
        ),
    ),
    _ca(
        "math",
        "MATH.4",
        "Geometry and measurement",
        "Students reason about shapes, transformations and measurement and prove geometric relationships.",
        (
            (
                ("Solve problems involving area, surface area and volume of two- and three-dimensional figures."),
                (
                    "Decompose composite figures to find area",
                    "Apply volume formulas for prisms, cylinders, cones and spheres",
                ),
            ),
            (
                "Prove theorems about lines, angles and triangles using deductive reasoning.",
                (
                    "Write a two-column proof",
                    "Use angle relationships formed by parallel lines and a transversal",
                ),
            ),
            (
                ("Use congruence and similarity criteria to solve problems and prove relationships in figures."),
                (
                    "Apply SSS, SAS, ASA and AAS congruence criteria",
                    "Set up and solve proportions in similar triangles",
                ),
            ),
            (
                "Describe and perform rigid transformations and dilations on the coordinate plane.",
                (
                    "Perform translations, reflections and rotations",
                    "Dilate a figure using a center and scale factor",
                ),
            ),
            (
                "Apply the Pythagorean theorem and right-triangle trigonometry to solve problems.",
                (
                    "Find a missing side length with the Pythagorean theorem",
                    "Use sine, cosine and tangent to find unknown sides and angles",
                ),
            ),
            (
                "Use coordinates to prove simple geometric theorems algebraically.",
                (
                    "Use slope to show that lines are parallel or perpendicular",
                    "Use the distance formula to classify a quadrilateral",
                ),
            ),
            (
                "Derive and apply the equation of a circle and relationships among arcs, chords and angles.",
                (
                    "Complete the square to find a circle's center and radius",
                    "Find inscribed and central angle measures",
                ),
            ),
        ),
    ),
    _ca(
        "math",
        "MATH.5",
        "Statistics and probability",
        "Students collect, analyze and interpret data and use probability to make informed decisions.",
        (
            (
                (
                    "Formulate statistical questions and design surveys, experiments or observational "
                    "studies to answer them."
                ),
                (
                    "Distinguish statistical from non-statistical questions",
                    "Describe a random sampling method",
                ),
            ),
            (
                "Summarize and compare data distributions using appropriate measures of center and spread.",
                (
                    "Calculate mean, median, interquartile range and standard deviation",
                    "Explain the effect of outliers on each measure",
                ),
            ),
            (
                "Represent data with appropriate displays such as histograms, box plots and scatter plots.",
                (
                    "Choose a display that fits the type of data",
                    "Label axes and scales accurately",
                ),
            ),
            (
                (
                    "Fit a linear model to bivariate data and interpret the slope, intercept and correlation "
                    "coefficient in context."
                ),
                (
                    "Draw and write the equation of a line of best fit",
                    "Distinguish correlation from causation",
                ),
            ),
            (
                ("Calculate probabilities of compound events using lists, tables, tree diagrams and simulations."),
                (
                    "List a sample space systematically",
                    "Run a simulation to estimate a probability",
                ),
            ),
            (
                "Use two-way tables and conditional probability to decide whether events are independent.",
                (
                    "Complete a two-way frequency table",
                    "Calculate and interpret a conditional probability",
                ),
            ),
            (
                "Evaluate reports based on data, identifying possible bias and misleading representations.",
                (
                    "Identify a truncated axis or distorted scale",
                    "Recognize sampling bias in a survey",
                ),
            ),
        ),
    ),
    _ca(
        "math",
        "MATH.6",
        "Mathematical modeling",
        (
            "Students use mathematics to model real-world situations, interpret results and evaluate the "
            "usefulness of their models."
        ),
        (
            (
                (
                    "Identify the essential variables in a real-world situation and make reasonable "
                    "simplifying assumptions."
                ),
                (
                    "List the quantities that matter in a situation",
                    "State and justify assumptions",
                ),
            ),
            (
                "Formulate a model using equations, graphs, tables or simulations.",
                (
                    "Select a function family that fits the situation",
                    "Build a spreadsheet model",
                ),
            ),
            (
                "Compute results from a model and interpret them in the original context.",
                (
                    "Use a model to make a prediction",
                    "Explain a result in everyday language with units",
                ),
            ),
            (
                "Validate a model by comparing its predictions with data and revise it as needed.",
                ("Calculate residuals to judge fit", "Adjust a parameter to improve a model"),
            ),
            (
                "Report a modeling process, conclusions and limitations to an audience.",
                (
                    "Describe the limitations of a model",
                    "Present a recommendation supported by model results",
                ),
            ),
        ),
    ),
    _ca(
        "math",
        "MATH.7",
        "Mathematical reasoning and communication",
        "Students make sense of problems, reason abstractly and communicate mathematical thinking precisely.",
        (
            (
                "Construct viable mathematical arguments and critique the reasoning of others.",
                (
                    "Justify each step in a solution",
                    "Identify and correct an error in a sample solution",
                ),
            ),
            (
                "Use precise mathematical vocabulary and notation when explaining solutions.",
                ("Define terms before using them", "Use correct notation for functions and sets"),
            ),
            (
                "Make sense of problems and persevere in solving them, checking answers for reasonableness.",
                (
                    "Restate what a problem asks",
                    "Estimate before calculating",
                    "Check a solution against the original conditions",
                ),
            ),
            (
                "Look for and make use of structure to simplify complex problems.",
                (
                    "Recognize a quadratic in disguise",
                    "Break a complex figure or expression into simpler parts",
                ),
            ),
            (
                ("Select and use appropriate tools, such as graphing technology and spreadsheets, strategically."),
                (
                    "Graph functions with graphing software",
                    "Use a spreadsheet to test many cases quickly",
                ),
            ),
            (
                "Look for regularity in repeated reasoning and express it as a general rule.",
                ("Describe a pattern in words", "Write a general rule using variables"),
            ),
        ),
    ),
)

_SCIENCE: tuple[StandardSpec, ...] = (
    _ca(
        "science",
        "SCI.1",
        "Scientific investigation",
        "Students plan and carry out investigations, analyze data and construct evidence-based explanations.",
        (
            (
                "Ask testable questions and define problems that can be investigated scientifically.",
                (
                    "Distinguish testable from non-testable questions",
                    "Write a hypothesis in if-then-because form",
                ),
            ),
            (
                (
                    "Plan and carry out controlled investigations, identifying independent, dependent and "
                    "controlled variables."
                ),
                (
                    "Identify the variables in an experimental design",
                    "Write a step-by-step procedure another student could follow",
                    "Plan for repeated trials",
                ),
            ),
            (
                "Collect, organize and display data using appropriate tools, units and graphs.",
                (
                    "Measure with appropriate precision using metric units",
                    "Choose between a line graph and a bar graph",
                ),
            ),
            (
                "Analyze and interpret data to identify patterns, trends and sources of error.",
                (
                    "Describe the trend shown in a graph",
                    "Distinguish random error from systematic error",
                ),
            ),
            (
                "Construct claims and explanations supported by evidence and scientific reasoning.",
                (
                    "Write a claim-evidence-reasoning paragraph",
                    "Connect evidence to a scientific principle",
                ),
            ),
            (
                "Communicate scientific findings in a formal lab report or presentation.",
                (
                    "Write a results section with labeled tables and figures",
                    "Discuss limitations and next steps in a conclusion",
                ),
            ),
            (
                "Follow laboratory safety procedures and handle equipment and materials responsibly.",
                (
                    "Locate and use laboratory safety equipment",
                    "Dispose of chemicals and biological materials correctly",
                ),
            ),
        ),
    ),
    _ca(
        "science",
        "SCI.2",
        "Matter and its interactions",
        (
            "Students use models of atoms and molecules to explain the properties of matter and how "
            "substances interact and change."
        ),
        (
            (
                (
                    "Use the periodic table to predict the properties of elements based on patterns of "
                    "electrons in atoms."
                ),
                (
                    "Locate metals, nonmetals and metalloids on the periodic table",
                    "Relate valence electrons to reactivity",
                ),
            ),
            (
                ("Develop models that describe the atomic composition of simple molecules and extended structures."),
                ("Draw Lewis structures for simple molecules", "Distinguish ionic from covalent bonding"),
            ),
            (
                "Balance chemical equations and use them to show that mass is conserved.",
                (
                    "Count atoms on each side of an equation",
                    "Use coefficients to balance an equation",
                ),
            ),
            (
                ("Explain how temperature, concentration and surface area affect the rate of a chemical reaction."),
                (
                    "Describe collision theory",
                    "Design a test of one factor that affects reaction rate",
                ),
            ),
            (
                "Distinguish between physical and chemical changes using evidence from investigations.",
                (
                    "List observable signs of a chemical reaction",
                    "Classify everyday changes as physical or chemical",
                ),
            ),
            (
                "Use the mole concept and stoichiometry to calculate quantities of reactants and products.",
                (
                    "Convert between mass, moles and particles",
                    "Identify the limiting reactant in a reaction",
                ),
            ),
        ),
    ),
    _ca(
        "science",
        "SCI.3",
        "Motion, forces and energy",
        (
            "Students analyze motion, forces and energy transfer to explain and predict the behavior of "
            "physical systems."
        ),
        (
            (
                "Analyze data to describe the motion of an object using position, velocity and acceleration.",
                (
                    "Interpret position-time and velocity-time graphs",
                    "Calculate average velocity and acceleration",
                ),
            ),
            (
                "Apply Newton's laws of motion to predict changes in the motion of objects.",
                ("Draw free-body diagrams", "Use F = ma to calculate net force or acceleration"),
            ),
            (
                "Use the law of conservation of momentum to analyze collisions.",
                (
                    "Calculate momentum before and after a collision",
                    "Explain how crumple zones and airbags reduce force",
                ),
            ),
            (
                ("Calculate changes in kinetic and potential energy and explain energy transfer within a system."),
                (
                    "Calculate kinetic and gravitational potential energy",
                    "Trace energy transformations in a roller coaster",
                ),
            ),
            (
                "Describe the properties of waves and how waves transfer energy and information.",
                (
                    "Relate frequency, wavelength and wave speed",
                    "Compare mechanical and electromagnetic waves",
                ),
            ),
            (
                "Design, build and refine a device that converts one form of energy into another.",
                (
                    "Define design criteria and constraints",
                    "Measure the efficiency of a prototype",
                    "Revise a design based on test results",
                ),
            ),
        ),
    ),
    _ca(
        "science",
        "SCI.4",
        "From molecules to organisms",
        (
            "Students explain how cells, genes and natural selection account for the structure, function, "
            "inheritance and diversity of living things."
        ),
        (
            (
                (
                    "Explain how the structure of DNA determines the structure of proteins that carry out "
                    "cell functions."
                ),
                (
                    "Describe the steps of transcription and translation",
                    "Use a codon chart to translate an mRNA sequence",
                ),
            ),
            (
                "Develop a model of how cell structures interact to maintain homeostasis.",
                (
                    "Identify the functions of major organelles",
                    "Explain how feedback loops regulate body temperature",
                ),
            ),
            (
                "Model how photosynthesis and cellular respiration cycle matter and transfer energy.",
                (
                    "Write the overall equations for photosynthesis and respiration",
                    "Explain how the two processes are linked",
                ),
            ),
            (
                "Explain how genetic variation results from mutation, meiosis and sexual reproduction.",
                ("Compare mitosis and meiosis", "Describe how crossing over increases variation"),
            ),
            (
                "Use Punnett squares and pedigrees to predict patterns of inheritance.",
                (
                    "Complete monohybrid and dihybrid crosses",
                    "Interpret a pedigree for a recessive trait",
                ),
            ),
            (
                (
                    "Construct an evidence-based explanation of how natural selection leads to adaptation in "
                    "populations."
                ),
                (
                    "Identify variation, inheritance, selection and time in an example",
                    "Analyze fossil and DNA evidence for common ancestry",
                ),
            ),
        ),
    ),
    _ca(
        "science",
        "SCI.5",
        "Ecosystems and human impact",
        (
            "Students analyze the interactions within ecosystems and evaluate how human activity affects "
            "biodiversity and ecosystem stability."
        ),
        (
            (
                "Analyze the flow of energy and cycling of matter through food webs.",
                (
                    "Construct a food web for a local ecosystem",
                    "Explain why energy decreases at each trophic level",
                ),
            ),
            (
                "Explain how biotic and abiotic factors affect carrying capacity and population size.",
                ("Interpret a population growth curve", "Identify limiting factors in an ecosystem"),
            ),
            (
                "Evaluate claims about how human activities affect biodiversity and ecosystem stability.",
                (
                    "Describe the effects of invasive species",
                    "Evaluate evidence for habitat loss in a case study",
                ),
            ),
            (
                "Design and evaluate a solution that reduces human impact on a local ecosystem.",
                (
                    "Research a local environmental problem",
                    "Weigh the costs and benefits of a proposed solution",
                ),
            ),
            (
                "Use field data to compare the biodiversity of two local habitats.",
                (
                    "Conduct a quadrat or transect survey",
                    "Calculate a simple biodiversity index",
                ),
            ),
        ),
    ),
    _ca(
        "science",
        "SCI.6",
        "Earth and space systems",
        (
            "Students explain the processes that shape Earth and its place in the universe and how these "
            "processes affect human society."
        ),
        (
            (
                "Explain how plate tectonics shape Earth's surface features over time.",
                (
                    "Identify divergent, convergent and transform boundaries",
                    "Relate earthquakes and volcanoes to plate boundaries",
                ),
            ),
            (
                "Model the water cycle and the rock cycle, describing the energy that drives each.",
                (
                    "Diagram the water cycle with its energy sources",
                    "Explain how igneous, sedimentary and metamorphic rocks form",
                ),
            ),
            (
                "Analyze evidence for how greenhouse gases and feedback mechanisms influence global climate.",
                (
                    "Interpret atmospheric carbon dioxide data",
                    "Describe a positive feedback loop such as melting sea ice",
                ),
            ),
            (
                "Use models of the Earth-Sun-Moon system to explain seasons, tides and eclipses.",
                (
                    "Explain how axial tilt causes seasons",
                    "Model the Moon's phases and their relationship to tides",
                ),
            ),
            (
                "Describe evidence for the Big Bang theory and the life cycle of stars.",
                (
                    "Explain redshift as evidence of an expanding universe",
                    "Sequence the stages in the life cycle of a star",
                ),
            ),
            (
                "Evaluate how natural resources and natural hazards affect human activity.",
                (
                    "Compare renewable and nonrenewable energy resources",
                    "Assess a community's preparedness for a natural hazard",
                ),
            ),
        ),
    ),
)

_SOCIAL_STUDIES: tuple[StandardSpec, ...] = (
    _ca(
        "social_studies",
        "SS.1",
        "Civics and government",
        (
            "Students understand the principles, structures and processes of government and the rights and "
            "responsibilities of citizens."
        ),
        (
            (
                (
                    "Explain the principles of the U.S. Constitution, including federalism, separation of "
                    "powers and checks and balances."
                ),
                (
                    "Identify the powers of each branch of government",
                    "Give an example of one branch checking another",
                ),
            ),
            (
                ("Analyze how the Bill of Rights and later amendments have expanded civil rights and liberties."),
                (
                    "Summarize the protections in the First Amendment",
                    "Explain the significance of the Fourteenth Amendment",
                ),
            ),
            (
                "Compare the structures and functions of local, state and federal government.",
                (
                    "Describe how a town meeting or city council makes decisions",
                    "Identify which level of government handles a given issue",
                ),
            ),
            (
                ("Evaluate the role of political parties, interest groups and the media in shaping public policy."),
                ("Analyze a campaign advertisement", "Trace how a bill becomes a law"),
            ),
            (
                ("Describe the rights and responsibilities of citizens and the ways people participate in civic life."),
                (
                    "Explain the voter registration process",
                    "Identify ways to participate beyond voting",
                ),
            ),
            (
                "Compare constitutional democracy with other systems of government around the world.",
                (
                    "Distinguish parliamentary from presidential systems",
                    "Describe characteristics of authoritarian governments",
                ),
            ),
        ),
    ),
    _ca(
        "social_studies",
        "SS.2",
        "History",
        (
            "Students analyze major events, eras and people in United States and world history to understand "
            "continuity and change over time."
        ),
        (
            (
                ("Analyze cause-and-effect relationships among major events in United States and world history."),
                (
                    "Distinguish long-term from immediate causes",
                    "Explain the consequences of a major event for different groups",
                ),
            ),
            (
                "Evaluate primary and secondary sources for perspective, purpose and reliability.",
                (
                    "Source a document by author, date and audience",
                    "Corroborate a claim across multiple documents",
                ),
            ),
            (
                "Construct a chronology and explain patterns of continuity and change over time.",
                (
                    "Create an annotated timeline of an era",
                    "Identify what changed and what stayed the same across a period",
                ),
            ),
            (
                (
                    "Explain how the experiences of diverse groups, including Indigenous nations and "
                    "immigrant communities, have shaped history."
                ),
                (
                    "Describe the history of the Wabanaki nations in the region",
                    "Analyze the experiences of an immigrant group using primary sources",
                ),
            ),
            (
                "Develop a historical argument supported by evidence from multiple sources.",
                (
                    "Write a thesis that answers a historical question",
                    "Use document evidence to support each body paragraph",
                ),
            ),
            (
                "Analyze how revolutions, reform movements and wars have transformed societies.",
                (
                    "Compare the goals and outcomes of two reform movements",
                    "Explain how a war changed daily life on the home front",
                ),
            ),
        ),
    ),
    _ca(
        "social_studies",
        "SS.3",
        "Geography",
        (
            "Students use geographic tools and concepts to analyze the interactions among people, places and "
            "environments."
        ),
        (
            (
                "Use maps, globes and geographic information systems to analyze spatial patterns.",
                (
                    "Read latitude, longitude, scale and legend",
                    "Create a thematic map from a data set",
                ),
            ),
            (
                "Explain how physical geography influences where and how people live.",
                (
                    "Relate climate and landforms to settlement patterns",
                    "Explain why early cities developed near rivers",
                ),
            ),
            (
                "Analyze the push and pull factors and the consequences of human migration.",
                (
                    "Categorize factors as push or pull",
                    "Describe the effects of migration on sending and receiving regions",
                ),
            ),
            (
                ("Evaluate how human activity changes the physical environment and the consequences of those changes."),
                (
                    "Describe the effects of deforestation or dam building",
                    "Propose a way to balance development and conservation",
                ),
            ),
            (
                (
                    "Describe how cultural characteristics such as language and religion spread and interact "
                    "across regions."
                ),
                ("Trace the diffusion of a cultural practice", "Explain how trade routes spread ideas"),
            ),
        ),
    ),
    _ca(
        "social_studies",
        "SS.4",
        "Economics and personal finance",
        (
            "Students apply economic reasoning to personal, national and global decisions about the use of "
            "scarce resources."
        ),
        (
            (
                (
                    "Explain how scarcity requires individuals, businesses and governments to make choices "
                    "that involve opportunity costs."
                ),
                (
                    "Identify the opportunity cost of a decision",
                    "Use a cost-benefit analysis to make a choice",
                ),
            ),
            (
                "Use supply and demand to explain changes in market prices.",
                (
                    "Draw supply and demand curves",
                    "Predict how a shift in demand affects equilibrium price",
                ),
            ),
            (
                "Analyze the roles of banks, the Federal Reserve and fiscal policy in the economy.",
                (
                    "Describe how banks create money through lending",
                    "Explain how interest rate changes affect borrowing",
                ),
            ),
            (
                "Create a personal budget and explain the effects of saving, credit and compound interest.",
                (
                    "Build a monthly budget from a sample paycheck",
                    "Calculate compound interest on savings and debt",
                    "Compare the costs of different forms of credit",
                ),
            ),
            (
                "Evaluate the benefits and costs of international trade.",
                ("Explain comparative advantage", "Analyze the effects of a tariff on consumers"),
            ),
            (
                "Interpret economic indicators such as GDP, inflation and unemployment.",
                (
                    "Read a graph of unemployment over time",
                    "Explain how inflation affects purchasing power",
                ),
            ),
        ),
    ),
    _ca(
        "social_studies",
        "SS.5",
        "Inquiry and civic engagement",
        (
            "Students investigate public issues from multiple perspectives and take informed action in their "
            "communities."
        ),
        (
            (
                "Develop compelling and supporting questions about a social studies topic.",
                (
                    "Distinguish compelling questions from supporting questions",
                    "Generate supporting questions that guide research",
                ),
            ),
            (
                "Analyze a current public issue from multiple perspectives.",
                (
                    "Identify stakeholders in a public issue",
                    "Summarize each stakeholder's position and interests",
                ),
            ),
            (
                (
                    "Evaluate possible solutions to a community problem using criteria such as cost, "
                    "fairness and feasibility."
                ),
                ("Develop criteria for judging solutions", "Rank proposed solutions using the criteria"),
            ),
            (
                "Take informed action by communicating a position to a public audience or decision maker.",
                (
                    "Write a letter to a local official",
                    "Present a proposal at a school or town meeting",
                ),
            ),
            (
                "Reflect on the effectiveness of a civic action and identify next steps.",
                ("Gather evidence of the impact of an action", "Propose next steps based on results"),
            ),
        ),
    ),
)

_WORLD_LANGUAGES: tuple[StandardSpec, ...] = (
    _ca(
        "world_languages",
        "WL.1",
        "Interpersonal communication",
        "Students interact and negotiate meaning in spoken and written conversations in the target language.",
        (
            (
                "Exchange information about familiar topics such as family, school and daily routines.",
                (
                    "Use vocabulary for family members and daily activities",
                    "Conjugate regular present-tense verbs accurately",
                ),
            ),
            (
                "Ask and answer a variety of questions to sustain a conversation.",
                ("Form questions with interrogative words", "Respond with follow-up questions"),
            ),
            (
                "Express and support opinions and preferences on familiar and some unfamiliar topics.",
                (
                    "Use expressions such as me gusta and prefiero",
                    "Give a reason to support an opinion",
                ),
            ),
            (
                "Negotiate meaning using circumlocution, requests for clarification and gestures.",
                (
                    "Describe a word you do not know using other words",
                    "Ask a partner to repeat or rephrase",
                ),
            ),
            (
                (
                    "Interact in culturally appropriate ways in everyday situations such as ordering food or "
                    "asking for directions."
                ),
                ("Use formal and informal address appropriately", "Role-play a transaction at a market"),
            ),
            (
                "Use present, past and future time frames appropriately in conversation.",
                (
                    "Distinguish the preterite from the imperfect",
                    "Talk about future plans using ir a plus an infinitive",
                ),
            ),
        ),
    ),
    _ca(
        "world_languages",
        "WL.2",
        "Interpretive communication",
        "Students understand, interpret and analyze what is heard, read or viewed in the target language.",
        (
            (
                "Identify the main idea and key details in authentic audio and video texts.",
                (
                    "Listen for familiar words and cognates",
                    "Summarize the gist of a short audio clip in English",
                ),
            ),
            (
                (
                    "Identify the main idea and key details in authentic written texts such as articles, "
                    "menus and messages."
                ),
                (
                    "Skim a text for its general topic",
                    "Scan a text for specific information",
                ),
            ),
            (
                "Infer the meaning of unfamiliar words using context clues and cognates.",
                ("Recognize true and false cognates", "Use surrounding words to infer meaning"),
            ),
            (
                "Interpret an author's or speaker's perspective and purpose in an authentic text.",
                (
                    "Identify the intended audience of a text",
                    "Explain the cultural perspective reflected in a text",
                ),
            ),
            (
                "Follow multi-step oral and written directions given in the target language.",
                ("Respond to classroom commands", "Complete a task from written instructions"),
            ),
        ),
    ),
    _ca(
        "world_languages",
        "WL.3",
        "Presentational communication",
        (
            "Students present information, concepts and ideas in the target language to audiences of "
            "listeners or readers."
        ),
        (
            (
                "Present information about themselves, their community and their interests to an audience.",
                (
                    "Prepare a short oral presentation with visuals",
                    "Speak from notes rather than a script",
                ),
            ),
            (
                "Write organized paragraphs on familiar topics using connectors and transition words.",
                (
                    "Use connectors such as pero, porque and ademas",
                    "Organize a paragraph around a topic sentence",
                ),
            ),
            (
                "Narrate and describe events in the past using appropriate verb tenses.",
                (
                    "Conjugate regular and common irregular preterite verbs",
                    "Use the imperfect for background description",
                ),
            ),
            (
                "Use accurate pronunciation and intonation when speaking to an audience.",
                ("Pronounce vowels and stressed syllables correctly", "Use rising intonation for questions"),
            ),
            (
                "Revise written work for accuracy in agreement, verb forms and spelling.",
                (
                    "Check noun-adjective agreement in gender and number",
                    "Add accent marks where required",
                ),
            ),
            (
                ("Create a presentational product such as a video, poster or brochure for a target-language audience."),
                (
                    "Plan content appropriate for the audience",
                    "Publish a polished product in a digital format",
                ),
            ),
        ),
    ),
    _ca(
        "world_languages",
        "WL.4",
        "Cultures",
        (
            "Students investigate and explain the relationships among the practices, products and "
            "perspectives of the cultures where the target language is spoken."
        ),
        (
            (
                (
                    "Investigate and explain the relationship between cultural practices and perspectives in "
                    "target-language communities."
                ),
                (
                    "Describe a celebration such as Dia de los Muertos",
                    "Explain the values reflected in a cultural practice",
                ),
            ),
            (
                ("Describe products of target-language cultures, such as food, art and music, and their significance."),
                (
                    "Research a traditional dish and its origins",
                    "Analyze a work of art or song from a target-language country",
                ),
            ),
            (
                "Compare cultural practices, products and perspectives with those of their own community.",
                (
                    "Use a Venn diagram to compare daily routines",
                    "Reflect on how their own culture shapes their perspective",
                ),
            ),
            (
                "Describe the diversity of communities around the world where the target language is spoken.",
                (
                    "Locate target-language countries on a map",
                    "Compare regional variations in vocabulary",
                ),
            ),
            (
                "Recognize and avoid stereotypes when discussing other cultures.",
                (
                    "Identify a stereotype in media",
                    "Replace a generalization with specific, accurate information",
                ),
            ),
        ),
    ),
    _ca(
        "world_languages",
        "WL.5",
        "Connections and communities",
        (
            "Students use the target language to connect with other disciplines and to participate in "
            "communities at home and around the world."
        ),
        (
            (
                "Use the target language to access information in other content areas.",
                (
                    "Read a short science or history article in the target language",
                    "Present content-area information in the target language",
                ),
            ),
            (
                "Compare the structure and vocabulary of the target language with English.",
                (
                    "Compare word order in simple sentences",
                    "Identify English words borrowed from the target language",
                ),
            ),
            (
                "Use the target language beyond the classroom with community members, media or pen pals.",
                (
                    "Exchange messages with a pen pal",
                    "Watch or listen to target-language media for enjoyment",
                ),
            ),
            (
                ("Set goals and reflect on progress in language learning for enjoyment, enrichment and advancement."),
                ("Self-assess using can-do statements", "Set a proficiency goal for the semester"),
            ),
            (
                "Identify careers and opportunities in which knowledge of another language is an asset.",
                (
                    "Interview someone who uses a second language at work",
                    "Research a career that requires language skills",
                ),
            ),
        ),
    ),
)

_ARTS: tuple[StandardSpec, ...] = (
    _ca(
        "arts",
        "ART.1",
        "Creating",
        "Students generate, develop and refine original artistic ideas and work.",
        (
            (
                "Generate and conceptualize artistic ideas using sketches, improvisation or brainstorming.",
                (
                    "Fill a sketchbook page with thumbnail sketches",
                    "Improvise a short musical or movement phrase",
                ),
            ),
            (
                "Experiment with materials, tools and techniques to develop an artistic idea.",
                (
                    "Test a medium on sample studies",
                    "Document the results of an experiment in a process journal",
                ),
            ),
            (
                "Refine and complete artistic work based on reflection and feedback.",
                (
                    "Identify one change to make after a critique",
                    "Compare early and final versions of a work",
                ),
            ),
            (
                "Create original work that communicates a personal idea, theme or emotion.",
                (
                    "Choose a theme with personal significance",
                    "Select imagery or sound that conveys the chosen emotion",
                ),
            ),
            (
                "Maintain a portfolio or process journal that documents the development of their work.",
                (
                    "Photograph work at several stages",
                    "Write reflections that explain artistic decisions",
                ),
            ),
        ),
    ),
    _ca(
        "arts",
        "ART.2",
        "Performing and presenting",
        "Students select, prepare and share artistic work through performance, exhibition or production.",
        (
            (
                "Select, analyze and interpret work for presentation or performance.",
                (
                    "Choose repertoire or artwork suited to an audience",
                    "Research the background of a selected piece",
                ),
            ),
            (
                "Perform music, theater or dance with technical accuracy and expression.",
                (
                    "Perform with accurate rhythm and pitch or blocking",
                    "Use dynamics and phrasing to convey mood",
                ),
            ),
            (
                "Curate and install an exhibition of visual work accompanied by an artist statement.",
                (
                    "Write an artist statement for a body of work",
                    "Arrange works so that the display tells a coherent story",
                ),
            ),
            (
                "Demonstrate appropriate rehearsal and performance etiquette.",
                (
                    "Arrive prepared with music, script or materials",
                    "Follow the cues of a director or conductor",
                ),
            ),
            (
                "Collaborate with an ensemble or production team to prepare a final performance.",
                (
                    "Fulfill a production role such as stage manager or section leader",
                    "Balance their own part within an ensemble",
                ),
            ),
        ),
    ),
    _ca(
        "arts",
        "ART.3",
        "Responding",
        "Students perceive, analyze, interpret and evaluate artistic work, including their own.",
        (
            (
                "Describe and analyze artistic work using the elements and principles of art or music.",
                (
                    "Describe a work objectively before interpreting it",
                    "Identify how an element such as color or rhythm is used",
                ),
            ),
            (
                ("Interpret the intent and meaning of artistic work using evidence from the work and its context."),
                (
                    "Support an interpretation with details from the work",
                    "Consider the artist's background and time period",
                ),
            ),
            (
                "Apply established and personal criteria to evaluate artistic work, including their own.",
                (
                    "Develop a rubric for evaluating a performance",
                    "Write a self-assessment of a finished piece",
                ),
            ),
            (
                "Give and respond to constructive critique in a studio or rehearsal setting.",
                (
                    "Use the describe-analyze-interpret-judge critique model",
                    "Record and act on critique feedback",
                ),
            ),
            (
                "Use discipline-specific vocabulary to discuss art, music, theater or dance.",
                (
                    "Define key terms in a glossary",
                    "Use at least five discipline terms in a written critique",
                ),
            ),
        ),
    ),
    _ca(
        "arts",
        "ART.4",
        "Connecting",
        ("Students relate artistic ideas and work to personal meaning and to historical, cultural and social context."),
        (
            (
                "Relate artistic work to its historical, cultural and social context.",
                (
                    "Place a work within an art historical movement",
                    "Explain how social events influenced an artist",
                ),
            ),
            (
                "Compare artistic traditions from different cultures and time periods.",
                (
                    "Compare the function of art in two cultures",
                    "Identify shared techniques across traditions",
                ),
            ),
            (
                "Explain how the arts connect to other disciplines and to careers.",
                (
                    "Identify the mathematics in a musical or visual pattern",
                    "Research a career in the creative industries",
                ),
            ),
            (
                ("Synthesize personal experience and knowledge to make art that responds to a community issue."),
                (
                    "Research a community issue",
                    "Plan a public artwork or performance that addresses it",
                ),
            ),
            (
                "Respect intellectual property and cite sources when using others' work.",
                (
                    "Distinguish appropriation from plagiarism",
                    "Credit sources for images, music and scripts",
                ),
            ),
        ),
    ),
    _ca(
        "arts",
        "ART.5",
        "Technical skills",
        ("Students develop and apply the technical skills, vocabulary and safe practices of their chosen art forms."),
        (
            (
                "Apply the elements of art, such as line, shape, value, color and texture, intentionally.",
                ("Create a ten-step value scale", "Mix tints, tones and shades from primary colors"),
            ),
            (
                ("Use principles of design, such as balance, contrast, emphasis and unity, to organize a composition."),
                (
                    "Apply the rule of thirds in a composition",
                    "Create a focal point using contrast",
                ),
            ),
            (
                "Read and notate music using standard notation, including rhythm, pitch and dynamics.",
                (
                    "Count and clap rhythms in simple and compound meter",
                    "Identify notes on the treble and bass clefs",
                ),
            ),
            (
                "Use proper technique, posture and breath support on an instrument or voice.",
                (
                    "Demonstrate correct posture and hand position",
                    "Sustain a phrase with controlled breath support",
                ),
            ),
            (
                "Use digital tools for photography, graphic design or audio production.",
                (
                    "Adjust exposure and composition in a digital photograph",
                    "Edit and mix a short multitrack recording",
                ),
            ),
            (
                "Use tools and materials safely and help maintain the studio or rehearsal space.",
                (
                    "Follow safety procedures for cutting tools and kilns",
                    "Clean and store materials properly",
                ),
            ),
        ),
    ),
)

_PE_HEALTH: tuple[StandardSpec, ...] = (
    _ca(
        "pe_health",
        "PEH.1",
        "Movement skills and strategies",
        (
            "Students demonstrate competency in a variety of motor skills and apply movement concepts, "
            "tactics and strategies."
        ),
        (
            (
                "Demonstrate competency in a variety of motor skills and movement patterns.",
                (
                    "Perform locomotor and manipulative skills with correct form",
                    "Combine skills in a movement sequence",
                ),
            ),
            (
                (
                    "Apply offensive and defensive tactics in invasion, net and wall, striking and fielding, "
                    "and target games."
                ),
                (
                    "Create open space in an invasion game",
                    "Choose a shot that moves an opponent out of position",
                ),
            ),
            (
                "Demonstrate mature form in lifetime activities such as dance, yoga and outdoor pursuits.",
                (
                    "Perform a dance sequence in time with music",
                    "Hold yoga poses with proper alignment",
                ),
            ),
            (
                "Use movement concepts such as space, effort and relationships to improve performance.",
                (
                    "Adjust force and speed for a given task",
                    "Move in relation to teammates and opponents",
                ),
            ),
            (
                "Analyze and correct errors in their own movement using feedback and video.",
                (
                    "Compare video of their own form with a model",
                    "Identify one correction and practice it",
                ),
            ),
        ),
    ),
    _ca(
        "pe_health",
        "PEH.2",
        "Personal fitness",
        "Students achieve and maintain a health-enhancing level of physical activity and fitness.",
        (
            (
                "Assess personal fitness in the five health-related fitness components.",
                (
                    "Complete a fitness test battery such as the PACER and push-up tests",
                    "Interpret results using healthy fitness zones",
                ),
            ),
            (
                "Design and implement a personal fitness plan using the FITT principle.",
                (
                    "Set a fitness goal based on assessment results",
                    "Plan a week of workouts with frequency, intensity, time and type",
                    "Adjust the plan after a progress check",
                ),
            ),
            (
                "Monitor heart rate and perceived exertion to maintain a target intensity.",
                (
                    "Calculate a target heart rate zone",
                    "Use a rating of perceived exertion scale",
                ),
            ),
            (
                "Apply safe warm-up, cool-down and training principles to prevent injury.",
                (
                    "Lead a dynamic warm-up",
                    "Explain overload and progression",
                ),
            ),
            (
                "Participate regularly in physical activity outside of class.",
                ("Log weekly physical activity", "Identify community opportunities for activity"),
            ),
        ),
    ),
    _ca(
        "pe_health",
        "PEH.3",
        "Personal health and wellness",
        "Students understand health concepts and practice behaviors that promote wellness and reduce risk.",
        (
            (
                "Explain the relationships among nutrition, sleep, physical activity and personal health.",
                (
                    "Describe the effects of sleep on learning and mood",
                    "Explain how physical activity affects mental health",
                ),
            ),
            (
                "Analyze nutrition labels and plan balanced meals using dietary guidelines.",
                (
                    "Read serving size, calories and percent daily value",
                    "Plan a balanced day of meals on a budget",
                ),
            ),
            (
                "Describe the short- and long-term effects of alcohol, tobacco, vaping and other drugs.",
                (
                    "Explain how nicotine affects the developing brain",
                    "Identify the signs of substance misuse",
                ),
            ),
            (
                "Recognize signs of stress, anxiety and depression and apply strategies to manage them.",
                (
                    "Identify personal stress triggers",
                    "Practice a breathing or mindfulness strategy",
                ),
            ),
            (
                "Demonstrate basic first aid, CPR and AED skills.",
                (
                    "Perform hands-only CPR on a manikin",
                    "Respond to common injuries such as cuts and sprains",
                ),
            ),
            (
                "Practice behaviors that reduce the risk of injury and illness.",
                (
                    "Explain how vaccines and handwashing prevent disease",
                    "Identify safety practices for driving, water and sports",
                ),
            ),
        ),
    ),
    _ca(
        "pe_health",
        "PEH.4",
        "Health literacy and decision making",
        ("Students access valid health information and use decision-making and goal-setting skills to enhance health."),
        (
            (
                "Evaluate the validity of health information, products and services.",
                (
                    "Check the source and evidence behind a health claim",
                    "Identify misleading health advertising",
                ),
            ),
            (
                "Analyze how family, peers, culture, media and technology influence health behaviors.",
                (
                    "Describe a peer influence on a health choice",
                    "Analyze the effect of social media on body image",
                ),
            ),
            (
                "Use a decision-making model to make healthy choices.",
                (
                    "Apply the steps of a decision-making model to a scenario",
                    "Predict the consequences of each option",
                ),
            ),
            (
                "Locate school and community resources that provide health support.",
                (
                    "Identify trusted adults and school support staff",
                    "Find a local health service and explain how to access it",
                ),
            ),
            (
                "Set, monitor and reflect on a personal health goal.",
                ("Write a measurable health goal", "Track progress for at least two weeks"),
            ),
        ),
    ),
    _ca(
        "pe_health",
        "PEH.5",
        "Relationships, communication and advocacy",
        (
            "Students use interpersonal communication skills, demonstrate respectful behavior and advocate "
            "for personal, family and community health."
        ),
        (
            (
                "Use effective communication skills, including refusal and negotiation, to enhance health.",
                ("Demonstrate a refusal skill in a role play", "Use I-statements to express feelings"),
            ),
            (
                "Recognize the characteristics of healthy and unhealthy relationships.",
                (
                    "Identify warning signs of an unhealthy relationship",
                    "Describe how to support a friend who needs help",
                ),
            ),
            (
                "Demonstrate sportsmanship, respect and fair play in physical activities.",
                (
                    "Follow rules and accept officiating decisions",
                    "Encourage teammates and opponents",
                ),
            ),
            (
                "Advocate for personal, family and community health.",
                (
                    "Create a public service announcement on a health issue",
                    "Tailor a health message to a specific audience",
                ),
            ),
            (
                "Respond appropriately to bullying, harassment and conflict.",
                (
                    "Describe bystander intervention strategies",
                    "Use a conflict resolution process",
                ),
            ),
        ),
    ),
)

CONTENT_AREA_STANDARDS: tuple[StandardSpec, ...] = (
    *_ELA,
    *_MATH,
    *_SCIENCE,
    *_SOCIAL_STUDIES,
    *_WORLD_LANGUAGES,
    *_ARTS,
    *_PE_HEALTH,
)

# ---------------------------------------------------------------------------
# Work habits
# ---------------------------------------------------------------------------

WORK_HABITS: tuple[StandardSpec, ...] = (
    _wh(
        "WH.1",
        "Responsibility",
        (
            "Students take ownership of their learning by coming prepared, meeting deadlines and following "
            "through on commitments."
        ),
        (
            (
                "Complete and submit assignments on time.",
                (
                    "Record due dates in a planner",
                    "Communicate with the teacher before a deadline is missed",
                ),
            ),
            (
                "Come to class prepared with materials and completed practice work.",
                ("Check the class page for the day's materials", "Complete practice before class"),
            ),
            (
                "Take responsibility for their actions and follow through on commitments.",
                ("Own mistakes without blaming others", "Make up missed work promptly"),
            ),
        ),
    ),
    _wh(
        "WH.2",
        "Collaboration",
        "Students work respectfully and productively with others to accomplish shared goals.",
        (
            (
                "Contribute a fair share of effort to group tasks and complete assigned roles.",
                ("Complete an assigned group role", "Help teammates when they are stuck"),
            ),
            (
                "Listen respectfully and value the contributions of others.",
                ("Let others finish speaking before responding", "Acknowledge a peer's idea"),
            ),
        ),
    ),
    _wh(
        "WH.3",
        "Persistence",
        ("Students sustain effort through challenges and use feedback and mistakes as opportunities to improve."),
        (
            (
                "Persist through challenging tasks, trying new strategies when stuck.",
                ("Try at least two strategies before asking for help", "Stay focused for the full work time"),
            ),
            (
                "Revise work in response to feedback until it meets the standard.",
                ("Read feedback and identify next steps", "Resubmit improved work"),
            ),
            (
                "Treat mistakes as opportunities to learn.",
                ("Analyze errors on a returned assessment", "Describe what a mistake taught them"),
            ),
        ),
    ),
    _wh(
        "WH.4",
        "Engagement and communication",
        (
            "Students participate actively in learning and communicate respectfully and appropriately with "
            "peers and adults."
        ),
        (
            (
                "Participate actively in class discussions and activities.",
                ("Contribute to discussion at least once per class", "Stay on task during independent work"),
            ),
            (
                "Ask for help or clarification when needed.",
                ("Recognize when they are confused", "Use office hours or flex time to get help"),
            ),
            (
                "Communicate respectfully with peers and adults in person and online.",
                ("Use appropriate language and tone in email", "Disagree respectfully"),
            ),
        ),
    ),
)

ALL_STANDARDS: tuple[StandardSpec, ...] = (*CROSS_CURRICULAR, *CONTENT_AREA_STANDARDS, *WORK_HABITS)


def standards_for_area(content_area: str) -> tuple[StandardSpec, ...]:
    """Return the content-area standards for one of the ``CONTENT_AREAS`` keys."""
    return tuple(s for s in CONTENT_AREA_STANDARDS if s.content_area == content_area)


# ---------------------------------------------------------------------------
# Scoring criteria
# ---------------------------------------------------------------------------


def _statement_clause(statement: str) -> str:
    """Turn an indicator statement into a lower-case clause without its final period."""
    text = statement.strip().rstrip(".").rstrip()
    if not text:
        return text
    return text[0].lower() + text[1:]


def scoring_criterion(indicator: IndicatorSpec, level: LevelSpec) -> str:
    """Return a rubric descriptor for ``indicator`` at ``level`` (values 1-4)."""
    clause = _statement_clause(indicator.statement)
    if level.value <= 1:
        return f"With support, begins to {clause}."
    if level.value == 2:
        return f"Partially {clause}, with some errors or gaps."
    if level.value == 3:
        return f"Independently and accurately {clause}."
    return (
        f"Independently and accurately {clause}, and extends it: transfers the skill to new or more complex "
        "contexts and explains the reasoning behind each choice."
    )


# ---------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------

FIRST_NAMES_FEMALE: tuple[str, ...] = (
    "Emma",
    "Olivia",
    "Ava",
    "Sophia",
    "Isabella",
    "Mia",
    "Amelia",
    "Harper",
    "Evelyn",
    "Abigail",
    "Emily",
    "Madison",
    "Chloe",
    "Grace",
    "Lily",
    "Hannah",
    "Natalie",
    "Zoe",
    "Leah",
    "Audrey",
    "Claire",
    "Sarah",
    "Anna",
    "Lucy",
    "Ella",
    "Maya",
    "Aaliyah",
    "Imani",
    "Nia",
    "Jasmine",
    "Destiny",
    "Kiara",
    "Zuri",
    "Amara",
    "Sofia",
    "Valentina",
    "Camila",
    "Lucia",
    "Ximena",
    "Daniela",
    "Gabriela",
    "Mariana",
    "Guadalupe",
    "Esperanza",
    "Mei",
    "Ananya",
    "Priya",
    "Aisha",
    "Fatima",
    "Mariam",
    "Hana",
    "Yuna",
    "Linh",
    "Leilani",
    "Malia",
    "Kaya",
    "Nizhoni",
    "Winona",
    "Noor",
    "Margaret",
)

FIRST_NAMES_MALE: tuple[str, ...] = (
    "Liam",
    "Noah",
    "Oliver",
    "Elijah",
    "James",
    "William",
    "Benjamin",
    "Lucas",
    "Henry",
    "Theodore",
    "Jack",
    "Owen",
    "Wyatt",
    "Caleb",
    "Samuel",
    "Nathan",
    "Isaac",
    "Connor",
    "Ethan",
    "Logan",
    "Jayden",
    "Malik",
    "Darius",
    "Jamal",
    "Andre",
    "Marcus",
    "Isaiah",
    "Xavier",
    "Terrence",
    "DeShawn",
    "Mateo",
    "Santiago",
    "Diego",
    "Alejandro",
    "Carlos",
    "Luis",
    "Javier",
    "Miguel",
    "Emilio",
    "Rafael",
    "Wei",
    "Kenji",
    "Hiroshi",
    "Minh",
    "Arjun",
    "Rohan",
    "Vikram",
    "Omar",
    "Yusuf",
    "Hassan",
    "Ibrahim",
    "Tariq",
    "Kai",
    "Keanu",
    "Makoa",
    "Tevita",
    "Takoda",
    "Ahanu",
    "Chayton",
    "Gabriel",
)

FIRST_NAMES_NEUTRAL: tuple[str, ...] = (
    "Alex",
    "Jordan",
    "Taylor",
    "Riley",
    "Avery",
    "Quinn",
    "Rowan",
    "Skyler",
    "Peyton",
    "Morgan",
    "Cameron",
    "Jamie",
    "Parker",
    "Reese",
    "Emerson",
    "Sage",
    "Dakota",
    "Ari",
    "River",
    "Remy",
)

LAST_NAMES: tuple[str, ...] = (
    # Families of European, including French-Canadian, descent
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Miller",
    "Davis",
    "Wilson",
    "Anderson",
    "Thomas",
    "Moore",
    "Martin",
    "Thompson",
    "Clark",
    "Lewis",
    "Walker",
    "Hall",
    "Allen",
    "Young",
    "King",
    "Wright",
    "Hill",
    "Green",
    "Adams",
    "Baker",
    "Nelson",
    "Carter",
    "Mitchell",
    "Roberts",
    "Campbell",
    "Evans",
    "Edwards",
    "Collins",
    "Stewart",
    "Murphy",
    "Cook",
    "Rogers",
    "Cooper",
    "Peterson",
    "Reed",
    "Bailey",
    "Kelly",
    "Howard",
    "Ward",
    "Richardson",
    "Wood",
    "Bennett",
    "Gray",
    "Hughes",
    "Sullivan",
    "Fisher",
    "Ouellette",
    "Thibodeau",
    "Pelletier",
    "Cyr",
    "Levesque",
    "Gagnon",
    "Michaud",
    "Boucher",
    "O'Brien",
    "McCarthy",
    "Kowalski",
    "Novak",
    "Schmidt",
    "Larsen",
    "Olsen",
    "Rossi",
    "Russo",
    "Esposito",
    "Cohen",
    "Goldberg",
    # African American, African and Caribbean families
    "Washington",
    "Jefferson",
    "Jackson",
    "Harris",
    "Robinson",
    "Banks",
    "Freeman",
    "Booker",
    "Mosley",
    "Dorsey",
    "Gaines",
    "Coleman",
    "Jenkins",
    "Okafor",
    "Mensah",
    "Adeyemi",
    "Diallo",
    "Haile",
    "Tesfaye",
    "Mohamed",
    "Abdi",
    "Farah",
    "Warsame",
    "Osman",
    "Kabongo",
    "Nsimba",
    "Lukusa",
    "Pierre",
    "Baptiste",
    "Joseph",
    # Hispanic and Latino families
    "Garcia",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Perez",
    "Sanchez",
    "Ramirez",
    "Torres",
    "Flores",
    "Rivera",
    "Gomez",
    "Diaz",
    "Reyes",
    "Cruz",
    "Morales",
    "Ortiz",
    "Gutierrez",
    "Chavez",
    "Ramos",
    "Ruiz",
    "Alvarez",
    "Mendoza",
    "Castillo",
    "Jimenez",
    "Vasquez",
    "Romero",
    "Herrera",
    "Medina",
    "Aguilar",
    "Vargas",
    "Castro",
    "Guzman",
    "Soto",
    "Delgado",
    "Figueroa",
    "Santiago",
    "Colon",
    "Pacheco",
    # Asian American families
    "Nguyen",
    "Tran",
    "Le",
    "Pham",
    "Hoang",
    "Vu",
    "Kim",
    "Lee",
    "Park",
    "Choi",
    "Chen",
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Huang",
    "Lin",
    "Wu",
    "Patel",
    "Shah",
    "Singh",
    "Gupta",
    "Kumar",
    "Desai",
    "Reddy",
    "Iyer",
    "Tanaka",
    "Sato",
    "Nakamura",
    "Yamamoto",
    "Santos",
    "Dela Cruz",
    "Bautista",
    "Villanueva",
    "Khan",
    "Chowdhury",
    "Rahman",
    "Vang",
    "Xiong",
    "Thao",
    # Middle Eastern and North African families
    "Haddad",
    "Nasser",
    "Khoury",
    "Saleh",
    "Hussein",
    # Native American families
    "Begay",
    "Yazzie",
    "Tsosie",
    "Benally",
    "Nez",
    "Francis",
    "Sockabasin",
    "Neptune",
    "Attean",
    "Tomah",
    "Harjo",
    "Tallchief",
    "Cornsilk",
    "Lightfoot",
    # Native Hawaiian and Pacific Islander families
    "Kealoha",
    "Akana",
    "Kamakana",
    "Mahoe",
    "Fonoti",
    "Tuilagi",
    "Faleolo",
    "Taufa",
    "Fifita",
    "Tupou",
    "Sablan",
    "Camacho",
    "Aguon",
)

# ---------------------------------------------------------------------------
# Courses, assessments and feedback
# ---------------------------------------------------------------------------

COURSE_TITLES: dict[str, dict[int, str]] = {
    "ela": {
        6: "English 6",
        7: "English 7",
        8: "English 8",
        9: "English 9",
        10: "English 10",
        11: "English 11: American Literature",
        12: "English 12: Writing and Rhetoric",
    },
    "math": {
        6: "Math 6",
        7: "Math 7",
        8: "Pre-Algebra",
        9: "Algebra I",
        10: "Geometry",
        11: "Algebra II",
        12: "Precalculus",
    },
    "science": {
        6: "Earth and Space Science",
        7: "Life Science",
        8: "Integrated Science 8",
        9: "Physical Science",
        10: "Biology",
        11: "Chemistry",
        12: "Physics",
    },
    "social_studies": {
        6: "World Geography",
        7: "Ancient Civilizations",
        8: "U.S. History to 1877",
        9: "Civics and Government",
        10: "World History",
        11: "U.S. History",
        12: "Economics and Personal Finance",
    },
    "world_languages": {
        6: "Exploratory Spanish",
        7: "Exploratory Spanish",
        8: "Exploratory Spanish",
        9: "Spanish I",
        10: "Spanish II",
        11: "Spanish III",
        12: "Spanish IV",
    },
    "arts": {
        6: "Art and Music 6",
        7: "Art and Music 7",
        8: "Art and Music 8",
        9: "Foundations of Art",
        10: "Drawing and Painting",
        11: "Concert Chorus",
        12: "Studio Art Portfolio",
    },
    "pe_health": {
        6: "Physical Education and Health 6",
        7: "Physical Education and Health 7",
        8: "Physical Education and Health 8",
        9: "Health and Wellness",
        10: "Lifetime Fitness",
        11: "Team and Individual Sports",
        12: "Personal Fitness and Wellness",
    },
}

ASSESSMENT_TITLES: dict[str, tuple[str, ...]] = {
    "ela": (
        "Argument essay: school start times",
        "Literature circle discussion",
        "Personal narrative",
        "Research paper: local water quality",
        "Socratic seminar: Of Mice and Men",
        "Poetry analysis: figurative language",
        "Rhetorical analysis: a famous speech",
        "Reading check: central idea and evidence",
        "Podcast episode: book review",
        "Timed writing: counterclaim and rebuttal",
        "Character analysis: The Outsiders",
        "Vocabulary in context quiz",
    ),
    "math": (
        "Quiz: solving linear equations",
        "Systems of equations: cell phone plans",
        "Unit test: linear and exponential functions",
        "Modeling task: town population growth",
        "Geometry proof portfolio",
        "Statistics project: student survey",
        "Exit ticket: slope and rate of change",
        "Performance task: designing a wheelchair ramp",
        "Quadratics test",
        "Probability and carnival games",
        "Trigonometry: measuring the flagpole",
        "Spreadsheet task: saving for a car",
    ),
    "science": (
        "Lab report: reaction rates",
        "Egg drop engineering challenge",
        "CER: evidence for natural selection",
        "Stream study field report",
        "Quiz: balancing chemical equations",
        "Cart lab: Newton's second law",
        "Model: photosynthesis and cellular respiration",
        "Climate data analysis",
        "Genetics problem set",
        "Density lab practical",
        "Solar oven design challenge",
        "Unit test: plate tectonics",
    ),
    "social_studies": (
        "DBQ: causes of the American Revolution",
        "Mock Congress simulation",
        "Primary source analysis: the Lowell mill girls",
        "Current events brief",
        "Map analysis: migration patterns",
        "Supreme Court case study: Tinker v. Des Moines",
        "Personal budget project",
        "Civic action project",
        "Structured academic controversy: the Electoral College",
        "Unit test: industrialization and reform",
        "Oral history interview",
        "Supply and demand market simulation",
    ),
    "world_languages": (
        "Interpersonal conversation: weekend plans",
        "Presentational video: my community",
        "Interpretive reading: restaurant menu",
        "Listening assessment: weather report",
        "Cultural comparison project: holidays",
        "Postcard from a trip",
        "Role play: at the market",
        "Vocabulary quiz: family and home",
        "Past-tense narrative: a memorable day",
        "Song analysis",
        "Interview with a native speaker",
        "Integrated performance assessment: travel",
    ),
    "arts": (
        "Self-portrait in charcoal",
        "Winter concert performance",
        "Artist statement and critique",
        "Printmaking series",
        "Sight-reading assessment",
        "Monologue performance",
        "Gallery walk critique",
        "Color theory study",
        "Photography portfolio",
        "Composition: 16-bar melody",
        "Research: art traditions of the world",
        "Sculpture from recycled materials",
    ),
    "pe_health": (
        "Fitness assessment: PACER and push-ups",
        "Personal fitness plan",
        "Volleyball skills assessment",
        "Nutrition label analysis",
        "CPR and first aid practical",
        "Game strategy reflection: ultimate",
        "Stress management plan",
        "Health advocacy PSA",
        "Dance routine performance",
        "Refusal skills role play",
        "Heart rate monitoring log",
        "Decision-making scenario analysis",
    ),
}

FEEDBACK: dict[int, tuple[str, ...]] = {
    1: (
        "You have made a start here. Let's meet during flex time and work through one example together.",
        "I can see some of your thinking, but the key steps are missing. Review the model and try again.",
        "This is a tough skill. Use the checklist we made in class and bring your questions tomorrow.",
        "Your work shows effort, but it doesn't yet show the skill. Let's set a small goal for next time.",
        "Revisit the learning objectives for this indicator, then reattempt the first part with support.",
        "I want to help you get there. Please sign up for a reassessment conference this week.",
    ),
    2: (
        "You are partway there. Your reasoning is on track, but check your work for accuracy.",
        "Good start! Add more specific evidence to fully support your thinking.",
        "Several parts are solid. Focus on the step where your explanation breaks down.",
        "You clearly understand the basics. Now work on applying them without the scaffold.",
        "Nice progress since last time. Review my comments and revise the sections I marked.",
        "Close! A few gaps remain. Compare your work with the exemplar and fill them in.",
    ),
    3: (
        "Well done. You demonstrated this skill independently and accurately.",
        "Your work meets the standard. Your explanation is clear and well supported.",
        "Solid work. You applied the skill correctly and explained your reasoning.",
        "You have met this indicator. Next, try applying it in a less familiar situation.",
        "Clear, accurate and complete. This is strong evidence of proficiency.",
        "Great job revising. Your final version fully meets the standard.",
    ),
    4: (
        "Outstanding work. You went beyond the task and made insightful connections.",
        "Impressive depth. You transferred this skill to a new context with confidence.",
        "Your reasoning is sophisticated and precise. This could serve as a class exemplar.",
        "Excellent. You extended the task thoughtfully and justified every choice.",
        "Your work shows real mastery. Consider mentoring a classmate on this skill.",
        "Exceptional insight. You anticipated counterarguments and addressed them well.",
    ),
}


# ---------------------------------------------------------------------------
# Self-check
# ---------------------------------------------------------------------------


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise AssertionError(message)


def _check_scale(scale: tuple[LevelSpec, ...], labels: tuple[str, ...]) -> None:
    _check(tuple(level.value for level in scale) == (1, 2, 3, 4), "scale values must be 1..4")
    _check(tuple(level.label for level in scale) == labels, f"scale labels must be {labels}")
    _check([level.value for level in scale if level.is_threshold] == [3], "threshold must be level 3")
    _check(all(level.description for level in scale), "every level needs a description")


def _check_standard(standard: StandardSpec, min_indicators: int, max_indicators: int) -> None:
    count = len(standard.indicators)
    _check(
        min_indicators <= count <= max_indicators,
        f"{standard.code} has {count} indicators (expected {min_indicators}-{max_indicators})",
    )
    _check(bool(standard.title and standard.statement), f"{standard.code} needs a title and statement")
    for indicator in standard.indicators:
        _check(
            indicator.code.startswith(f"{standard.code}."),
            f"{indicator.code} is not numbered under {standard.code}",
        )
        _check(indicator.statement.endswith("."), f"{indicator.code} statement must end with a period")
        _check(indicator.statement[:1].isupper(), f"{indicator.code} statement must start with a capital")
        _check(
            2 <= len(indicator.objectives) <= 3,
            f"{indicator.code} has {len(indicator.objectives)} objectives (expected 2-3)",
        )
        _check(all(o.strip() for o in indicator.objectives), f"{indicator.code} has an empty objective")


def _check_unique(values: tuple[str, ...] | list[str], what: str) -> None:
    duplicates = sorted({v for v in values if values.count(v) > 1})
    _check(not duplicates, f"duplicate {what}: {duplicates}")


def validate_catalogue() -> None:
    """Raise ``AssertionError`` if the catalogue is structurally inconsistent."""
    _check_scale(ACADEMIC_SCALE, ("Does not meet", "Partially meets", "Meets", "Exceeds"))
    _check_scale(WORK_HABIT_SCALE, ("Rarely", "Sometimes", "Usually", "Consistently"))

    _check(len(CROSS_CURRICULAR) == 6, "there must be exactly 6 cross-curricular standards")
    for number, standard in enumerate(CROSS_CURRICULAR, start=1):
        _check(standard.code == f"CC.{number}", f"unexpected cross-curricular code {standard.code}")
        _check(standard.kind == KIND_CROSS_CURRICULAR and standard.content_area == "", standard.code)
        _check_standard(standard, 5, 7)

    _check(set(CONTENT_AREA_PREFIXES) == set(CONTENT_AREAS), "every content area needs a code prefix")
    for area, prefix in CONTENT_AREA_PREFIXES.items():
        standards = standards_for_area(area)
        _check(5 <= len(standards) <= 8, f"{area} has {len(standards)} standards (expected 5-8)")
        for number, standard in enumerate(standards, start=1):
            _check(standard.code == f"{prefix}.{number}", f"unexpected {area} code {standard.code}")
            _check(standard.kind == KIND_CONTENT_AREA, f"{standard.code} must be a content-area standard")
            _check_standard(standard, 5, 10)
    _check(
        all(s.content_area in CONTENT_AREAS for s in CONTENT_AREA_STANDARDS),
        "content-area standard with unknown content area",
    )

    _check(len(WORK_HABITS) == 4, "there must be exactly 4 work habits")
    for number, standard in enumerate(WORK_HABITS, start=1):
        _check(standard.code == f"WH.{number}", f"unexpected work habit code {standard.code}")
        _check(standard.kind == KIND_WORK_HABIT and standard.content_area == "", standard.code)
        _check_standard(standard, 2, 3)

    codes = [s.code for s in ALL_STANDARDS] + [i.code for s in ALL_STANDARDS for i in s.indicators]
    _check_unique(codes, "codes")
    _check_unique([i.statement for s in ALL_STANDARDS for i in s.indicators], "indicator statements")

    for area in CONTENT_AREAS:
        _check(set(COURSE_TITLES.get(area, {})) == set(GRADES), f"course titles for {area} must cover 6-12")
        _check(len(ASSESSMENT_TITLES.get(area, ())) >= 8, f"too few assessment titles for {area}")
        _check_unique(ASSESSMENT_TITLES.get(area, ()), f"{area} assessment titles")
    _check(set(COURSE_TITLES) == set(CONTENT_AREAS), "unexpected course title areas")
    _check(set(ASSESSMENT_TITLES) == set(CONTENT_AREAS), "unexpected assessment title areas")
    _check(set(FEEDBACK) == {1, 2, 3, 4}, "feedback must cover levels 1-4")
    _check(all(len(comments) >= 4 for comments in FEEDBACK.values()), "too few feedback comments")

    first_names = FIRST_NAMES_FEMALE + FIRST_NAMES_MALE + FIRST_NAMES_NEUTRAL
    _check_unique(first_names, "first names")
    _check_unique(LAST_NAMES, "last names")
    _check(len(LAST_NAMES) >= 150, "too few last names")
