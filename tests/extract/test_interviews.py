"""Interviews: questionnaire posts and referenced interviews, on tiny hand-made French posts."""

from __future__ import annotations

from graph.extract.interviews import extract, interview_subject


def interviews(context, body: str, **post) -> set[tuple[str, str | None, str | None]]:
    """(interviewee, interviewer, date) of every interview found in a post."""
    ctx = context(body, **post)
    facts = list(extract(ctx))
    for fact in facts:
        assert fact.evidence.quote == ctx.post.text[fact.evidence.start : fact.evidence.end]
        assert fact.identity == ("interviewee", "interviewer")
    rows = set()
    for f in facts:
        interviewer = f.get("interviewer")
        rows.add((f.get("interviewee").name, interviewer.name if interviewer else None, f.get("date")))
    return rows


QUESTIONNAIRE = (
    "Créé en 2005, Sarenza s'inspire de Zappos.\n"
    "Stéphane Treppoz, Président du Directoire répond au questionnaire du Sens du client.\n\n"
    "Qui êtes-vous ?\n\n"
    "J'ai démarré ma carrière chez Arthur Andersen.\n\n"
    "Interview réalisée par Thierry Spencer avec le concours d'Aude Marchand-Falce de Sarenza.\n"
)


def test_a_questionnaire_post_is_an_interview_by_its_author_on_its_date(context):
    found = interviews(context, QUESTIONNAIRE, title="Stéphane Treppoz (Sarenza) et le Sens du client",
                       author="Thierry Spencer", date="2011-05-20")
    assert found == {("Stéphane Treppoz", "Thierry Spencer", "2011-05-20")}


def test_the_subject_gives_the_organization_and_where_answers_start(context):
    ctx = context(QUESTIONNAIRE, title="Stéphane Treppoz (Sarenza) et le Sens du client")
    subject = interview_subject(ctx)
    assert subject.person.text == "Stéphane Treppoz"
    assert subject.org.text == "Sarenza"
    assert ctx.text[subject.answers_start :].startswith("Qui êtes-vous ?")


def test_a_title_that_names_the_interviewee_after_entretien_avec(context):
    body = "Qui êtes-vous ?\nJ'ai commencé chez Boulanger.\n\nPropos recueillis par Paul Verdier\n"
    ctx = context(body, title="« Le client d’abord » : entretien avec Julie Morel (Darty)")
    subject = interview_subject(ctx)
    assert subject.person.text == "Julie Morel" and subject.org.text == "Darty"
    quotes = [f.evidence.quote for f in extract(ctx) if f.get("interviewee").name == "Julie Morel"]
    assert any("entretien avec" in quote for quote in quotes)


def test_answering_the_questionnaire_without_a_title(context):
    body = "Emmanuel Mignot répond au questionnaire du Sens du client.\n\nQui êtes-vous ?\n"
    found = interviews(context, body)
    assert {name for name, _, _ in found} == {"Emmanuel Mignot"}


def test_giving_the_floor_to_someone(context):
    body = ("J'ai le plaisir de donner la parole aujourd'hui à Angélique Berge, Directrice de la relation "
            "abonné de Free.\nJe vous propose de lire ses réponses à mon questionnaire du Sens du client.\n")
    found = interviews(context, body)
    assert {name for name, _, _ in found} == {"Angélique Berge"}


def test_a_title_shape_alone_needs_a_questionnaire_cue(context):
    assert interviews(context, "Un billet sur la marque.\n",
                      title="Stéphane Treppoz (Sarenza) et le marketing client") == set()


def test_a_referenced_interview_on_the_narrators_blog(context):
    found = interviews(context, "Il fait partie du comité du site jaimeattendre (lire l'interview d'Emmanuel "
                                "Alquier, son fondateur sur mon blog).", author="Thierry Spencer",
                       date="2011-05-03")
    assert found == {("Emmanuel Alquier", "Thierry Spencer", None)}


def test_a_referenced_interview_of_a_person_named_a_little_later(context):
    body = ("Relisez la très intéressante interview du Directeur Relation Client de l'année 2012 sur mon "
            "blog, Eric Lestanguet de GDF Suez, un adepte de l'effet miroir.")
    found = interviews(context, body)
    assert found == {("Eric Lestanguet", None, None)}


def test_interviews_of_unnamed_people_are_left_out(context):
    assert interviews(context, "Retrouvez ma rubrique Interviews avec les interviews des directeurs de la "
                               "relation client d'IKEA et de FREE. Lire l'interview de son gérant dans Les "
                               "Echos.") == set()


def test_interviewing_someone_is_no_interview_post_but_an_interview_the_narrator_gave(context):
    body = "Je vous invite à écouter Paul Vernier, que j'ai interviewé alors qu'il était dans son agence."
    assert interview_subject(context(body)) is None
    found = interviews(context, body, author="Léa Roux", date="2012-03-04")
    assert found == {("Paul Vernier", "Léa Roux", None)}


def test_a_relative_clause_of_interviewing_names_the_person_it_qualifies(context):
    apposed = "Jean Petit (que j'avais interviewé pour ce blog en 2015) dirige désormais Brindor."
    assert interviews(context, apposed, author="Léa Roux") == {("Jean Petit", "Léa Roux", None)}
    coordinated = "Marie Duval, qui dirige Vertigo et que la presse avait interrogée en mai, revient."
    assert interviews(context, coordinated, author="Léa Roux") == {("Marie Duval", None, None)}
    granted = "Paul Martin, qui m'a accordé un entretien, est ravi."
    assert interviews(context, granted, author="Léa Roux") == {("Paul Martin", "Léa Roux", None)}
    assert interviews(context, "Paul Martin, qui a accordé une remise à Brindor, est ravi.") == set()


def test_people_of_the_sentence_before_answered_the_questionnaire(context):
    body = ("Hugo Lemaire, Directeur de la qualité de Verano, et Julie Martin de Castelvin sont montés sur "
            "le podium. Deux entreprises remarquables dont les deux représentants ont répondu à mon "
            "questionnaire du Sens du client (cliquez sur leur nom).")
    found = interviews(context, body, author="Thierry Spencer", date="2011-12-01")
    assert found == {("Hugo Lemaire", "Thierry Spencer", None), ("Julie Martin", "Thierry Spencer", None)}


def test_a_singular_answer_points_back_to_one_person(context):
    body = ("Nous avons croisé Paul Marchal puis Lucie Brandt au salon. Il a répondu à mon questionnaire la "
            "semaine dernière.")
    assert {name for name, _, _ in interviews(context, body)} == {"Paul Marchal"}


def test_readers_answering_a_questionnaire_are_nobody(context):
    body = "Paul Marchal a lancé une enquête. Les lecteurs ont répondu à notre questionnaire en masse."
    assert interviews(context, body) == set()


def test_a_participle_of_interviewing_names_who_was_interviewed(context):
    fronted = "Interrogé par Exemplia Mag l'an dernier, Jean Petit, gérant de Durand, promettait un plan."
    assert interviews(context, fronted) == {("Jean Petit", None, None)}
    apposed = "Jeanne Martin, interrogée par nos soins, reste prudente sur la suite."
    assert interviews(context, apposed) == {("Jeanne Martin", None, None)}
    assert interviews(context, "Le dossier a été interrogé par la presse, puis Jean Petit a parlé.") == set()
