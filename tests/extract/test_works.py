"""Works extractor: books, studies and blogs with their authors."""

from __future__ import annotations

from graph.extract.works import extract_works


def works(ctx):
    return {(f.type, f.get("label"), getattr(f.get("author"), "name", None)) for f in extract_works(ctx)}


def test_quoted_book_of_an_author(context):
    found = works(context('Relisez "Comment se faire des amis" de Dale Carnegie.'))
    assert ("Book", "Comment se faire des amis", "Dale Carnegie") in found


def test_book_word_then_author_then_quoted_title(context):
    found = works(context('Lisez le livre de mon ami Frank Rosenthal "Tout savoir sur le retail".'))
    assert ("Book", "Tout savoir sur le retail", "Frank Rosenthal") in found


def test_book_in_the_title_line_and_its_translator(context):
    ctx = context(
        "Le livre est remarquablement traduit par Marylène Delbourg-Delphis.",
        title="L'Art de l'enchantement de Guy Kawasaki : un livre essentiel",
    )
    facts = list(extract_works(ctx))
    assert ("Book", "L'Art de l'enchantement", "Guy Kawasaki") in works(ctx)
    translated = [f for f in facts if f.get("translator")]
    assert translated[0].get("label") == "L'Art de l'enchantement"


def test_study_with_year_and_author(context):
    facts = list(
        extract_works(context("Selon l'Observatoire des services clients 2013 de BVA, tout va mieux."))
    )
    assert facts[0].get("label") == "Observatoire des services clients 2013"
    assert facts[0].get("author").name == "BVA" and facts[0].get("year") == "2013"


def test_a_study_named_without_year_takes_its_sentence_or_post_year(context):
    in_sentence = works(context("Le baromètre Exemplia de l'accueil, publié en 2019, place Durand en tête."))
    assert {label for _, label, _ in in_sentence} == {"baromètre Exemplia de l'accueil 2019"}
    of_post = works(context("Le baromètre Exemplia place Durand en tête.", title="Durand en tête en 2021"))
    assert {label for _, label, _ in of_post} == {"baromètre Exemplia 2021"}
    two_years = works(context("Le baromètre Exemplia place Durand en tête en 2021, contre 2019 avant."))
    assert {label for _, label, _ in two_years} == {"baromètre Exemplia"}


def test_study_title_in_parentheses(context):
    found = works(
        context("Selon l'étude d'Accenture (Global consumer behavior study 2010), les clients partent.")
    )
    assert ("Study", "Global consumer behavior study 2010", "Accenture") in found


def test_source_line_is_a_study(context):
    found = works(context("La publicité recule de 3%. Source IREP France Pub 2013"))
    assert {label for _, label, _ in found} == {"IREP France Pub 2013"}


def test_blog_of_a_person(context):
    assert ("Blog", "blog de Benoît Meyronin", "Benoît Meyronin") in works(
        context("Lire le blog de Benoît Meyronin à ce sujet.")
    )


def test_white_paper_quote_is_no_book(context):
    assert works(context('Elle déclarait dans ce livre blanc "rester souple sur les délais".')) == set()


def test_generic_survey_is_no_study(context):
    assert works(context("Les résultats de l'enquête de satisfaction sont bons.")) == set()


def test_book_title_after_an_aside_and_intitule(context):
    found = works(
        context(
            "Je lis le nouveau livre de Richard Branson, aux allures de recueil de recettes, "
            'qui s\'intitule en français "Réussir...et après".'
        )
    )
    assert ("Book", "Réussir...et après", "Richard Branson") in found


def test_unquoted_book_titles_after_le_livre(context):
    found = works(
        context(
            "Régalez vous avec le livre 130 lettres caustiques à la SNCF ou Nââânadé, les tribulations "
            "d'une japonaise à Paris. Lisez le livre Service Compris 2.0 de Philippe Bloch."
        )
    )
    assert {
        ("Book", "130 lettres caustiques à la SNCF", None),
        ("Book", "Nââânadé, les tribulations d'une japonaise à Paris", None),
        ("Book", "Service Compris 2.0", "Philippe Bloch"),
    } <= found


def test_a_heading_naming_a_book_then_its_book_word(context):
    found = works(context("Vendre sans forcer, un livre salutaire\n\nJe l'ai lu d'une traite. Le client, un"
                          " livre ouvert ? Pas toujours.\n"))
    assert {label for _, label, _ in found} == {"Vendre sans forcer"}


def test_book_title_then_le_livre_de_its_author(context):
    found = works(
        context(
            "Enrichissez-vous avec le livre Manager l'innovation par le service, le livre de mon brillant "
            "collègue Benoît Meyronin."
        )
    )
    assert ("Book", "Manager l'innovation par le service", "Benoît Meyronin") in found


def test_a_quoted_title_then_its_book_word(context):
    ctx = context('Marc Aubert et Paul Verdier signent "Servir sans attendre", un essai paru en mars.')
    book = next(f for f in extract_works(ctx) if f.get("label") == "Servir sans attendre")
    assert {a.name for a in book.all("author")} == {"Marc Aubert", "Paul Verdier"}
    found = works(context('Il faut lire "Le client roi", le nouveau livre de Julie Morel.'))
    assert ("Book", "Le client roi", "Julie Morel") in found


def test_a_quoted_title_its_publishing_makes_a_book(context):
    ctx = context("Julie Morel publie « Le client roi », paru le 4 mars aux éditions Dunod. "
                  "Après « Servir vite » (Eyrolles, 2019), son premier livre, elle va plus loin.")
    assert ("Book", "Le client roi", "Julie Morel") in works(ctx)
    assert "Servir vite" in {label for _, label, _ in works(ctx)}
    published = [f for f in extract_works(ctx) if f.get("publisher")]
    assert [(f.get("label"), f.get("publisher").name) for f in published] == [("Le client roi", "Dunod")]


def test_books_listed_after_a_colon_with_several_authors(context):
    ctx = context(
        "Retrouvez-la dans deux livres que je vous recommande : La marque face à la révolution client "
        "de mon ami Yan Claeyssen et Branded customer service (le service client véhicule de la marque) "
        "de Janelle Barlow et Paul Stewart, sorti il y a dix ans !"
    )
    books = {f.get("label"): [a.name for a in f.all("author")] for f in extract_works(ctx)}
    assert books["La marque face à la révolution client"] == ["Yan Claeyssen"]
    assert books["Branded customer service"] == ["Janelle Barlow", "Paul Stewart"]


def test_untitled_book_named_by_author_and_subject(context):
    found = works(
        context("Je pense au livre de Catherine Ertzscheid sur le Community management, paru hier.")
    )
    assert (
        "Book",
        "livre de Catherine Ertzscheid sur le Community management",
        "Catherine Ertzscheid",
    ) in found


def test_authors_around_the_book_phrase(context):
    found = works(
        context(
            'Philippe Bloch est venu présenter son livre "Ne me dites plus jamais bon courage", un pamphlet. '
            "J'ai interviewé l'auteur du très récent livre "
            '"Les paradoxes de la relation client", Eric Falque, '
            'hier soir. J\'avais fait la chronique du livre "The best service is no service" (un titre '
            "provocateur), écrit par le premier vice-Président d'Amazon, Bill Price, qui expliquait tout."
        )
    )
    assert {
        ("Book", "Ne me dites plus jamais bon courage", "Philippe Bloch"),
        ("Book", "Les paradoxes de la relation client", "Eric Falque"),
        ("Book", "The best service is no service", "Bill Price"),
    } <= found


def test_author_of_an_unquoted_title(context):
    found = works(
        context(
            "Une conclusion par André-Yves Portnoff, directeur de l'Observatoire de la Révolution de "
            "l'intelligence de Futuribles, auteur de Aux actes citoyens, très applaudi."
        )
    )
    assert found == {("Book", "Aux actes citoyens", "André-Yves Portnoff")}


def test_untitled_books_are_no_books(context):
    assert works(context("Guy Kawasaki est l'auteur de trois livres et de beaucoup d'articles.")) == set()


def test_study_named_by_a_quoted_title_and_its_maker(context):
    found = works(
        context(
            "Voici les résultats de cette Enquête exclusive Agora sur les "
            '"Perspectives de la Relation Client".'
        )
    )
    assert found == {("Study", "Perspectives de la Relation Client", "Agora")}


def test_study_named_by_its_subject_and_made_by_later(context):
    facts = list(
        extract_works(
            context(
                "Le partenaire a publié une étude inédite sur les Français et les services (suivre ce lien, "
                "elle a été réalisée par INIT). Angélique Berge cite le Livre blanc consacré à l'Attente du "
                "client -et dont j'ai écrit l'avant-propos- hier."
            )
        )
    )
    labels = {f.get("label"): [a.name for a in f.all("author")] for f in facts}
    assert labels["étude inédite sur les Français et les services"] == ["INIT"]
    assert "Livre blanc consacré à l'Attente du client" in labels


def test_a_study_made_by_several_organizations_has_them_all_for_authors(context):
    ctx = context('L\'AFRC publie une étude sur "Les Français et les services", réalisée par Ipsos et BVA.')
    study = next(f for f in extract_works(ctx) if f.get("label") == "Les Français et les services")
    assert {"Ipsos", "BVA"} <= {a.name for a in study.all("author")}


def test_a_study_named_by_its_quoted_title_alone_is_published_by_its_makers(context):
    ctx = context(
        'Un tiers des sites sont à l\'étranger, indique l\'étude "Proximité, rapidité, conseil : les centres'
        ' face au numérique", publiée par Deloitte et le Syntec en 2019.'
    )
    study = next(f for f in extract_works(ctx) if str(f.get("label")).startswith("Proximité"))
    assert study.get("label") == "Proximité, rapidité, conseil : les centres face au numérique"
    assert {a.name for a in study.all("author")} == {"Deloitte", "Syntec"}


def test_a_study_named_after_two_makers_joined_by_a_dash_is_by_both(context):
    ctx = context("Les trois quarts des appels restent internes, note l'étude Syntec - Deloitte parue hier.")
    assert works(ctx) >= {("Study", "étude Syntec - Deloitte", "Syntec")}
    study = next(f for f in extract_works(ctx))
    assert [a.name for a in study.all("author")] == ["Syntec", "Deloitte"]


def test_the_person_apposed_to_the_post_closing_a_reports_name_made_it(context):
    ctx = context("Hier, le rapport 2022 de la Médiatrice de Vexa Telecom, Anne Morel, a été remis.")
    found = {(label, author) for _, label, author in works(ctx)}
    assert found == {("rapport 2022 de la Médiatrice", "Anne Morel")}
    plain = context("Hier, le rapport 2022 de Vexa Telecom, Anne Morel l'a lu.")
    assert all(author != "Anne Morel" for _, _, author in works(plain))


def test_unnamed_study_on_a_subject_is_no_work(context):
    assert (
        works(context("Il présentait les paradoxes sous l'angle d'une étude sur la perception des salariés."))
        == set()
    )


def test_ranking_of_an_agency(context):
    assert ("Study", "classement de l'agence Wellcom", "Wellcom") in works(
        context("J'aime beaucoup ce classement de l'agence Wellcom.")
    )


def test_weak_heads_need_a_name(context):
    found = works(context("Le podium 2013 est composé de trois entreprises. Ils sont montés sur ce podium."))
    assert found == set()
    assert ("Study", "Podium TNS Sofres BearingPoint", "TNS Sofres") in works(
        context("Un nouveau prix pour cet opérateur, classé premier du Podium TNS Sofres BearingPoint.")
    )


def test_source_line_authors(context):
    facts = list(extract_works(context("La publicité recule. Source IREP France Pub 2013")))
    assert [a.name for a in facts[0].all("author")] == ["IREP", "France Pub"]
    vibes = list(extract_works(context("Les clients comparent. Source Vibes Mobile consumer report 2013.")))
    assert [a.name for a in vibes[0].all("author")] == ["Vibes"]


def test_parenthesised_source_names_no_study(context):
    assert works(context("90% des adultes utilisent trois terminaux (Source Forrester 2013).")) == set()


def test_head_after_a_title_word_is_an_organization(context):
    found = works(context("Il est directeur de l'Observatoire de la Révolution de l'intelligence."))
    assert not any(kind == "Study" for kind, _, _ in found)


def test_bare_study_of_an_author_points_back(context):
    found = works(
        context(
            "Selon l'Observatoire des services clients 2013 de BVA, tout va mieux. Les motifs détectés dans "
            "l'étude BVA sont connus."
        )
    )
    assert {label for _, label, _ in found} == {"Observatoire des services clients 2013"}


def test_study_named_by_a_whole_aside(context):
    found = works(context("L'effet miroir dans la relation client (étude Les Français et les services)"))
    assert found == {("Study", "étude Les Français et les services", None)}


def test_a_firm_presenting_a_study_on_a_subject_made_it(context):
    found = works(
        context(
            "- Ipsos, institut de sondage, présentait ensuite les tendances sous l'angle d'une étude sur les "
            "attentes des consommateurs."
        )
    )
    assert found == {("Study", "étude sur les attentes des consommateurs", "Ipsos")}
    found = works(
        context(
            "Puis le Président de l'AFRC, Jean Dupont, présentait l'actualité de l'association et "
            "notamment le Baromètre de la relation client."
        )
    )
    assert ("Study", "Baromètre de la relation client", "AFRC") in found


def test_a_study_named_after_its_makers_colon(context):
    found = works(context("Voici une publication de l'AFNOR : la cartographie des services clients."))
    assert found == {("Study", "cartographie des services clients", "AFNOR")}


def test_a_maker_ending_the_name_is_cut_off(context):
    found = works(context("Lisez la remarquable cartographie des services réclamations de l'AFRC, bravo."))
    assert found == {("Study", "cartographie des services réclamations", "AFRC")}


def test_an_indefinite_study_without_maker_is_unnamed(context):
    assert works(context("On attend la sortie d'une cartographie de la relation client en France.")) == set()


def test_partners_who_made_a_study_are_its_makers(context):
    facts = list(
        extract_works(
            context(
                'Les résultats de cette enquête BVA sur les "Attentes des clients" (réalisée en partenariat '
                "avec Relation Client Magazine et Ipsos, en mai 2013)."
            )
        )
    )
    assert [a.name for a in facts[0].all("author")] == ["BVA", "Relation Client Magazine", "Ipsos"]


def test_a_study_named_only_by_its_makers_is_their_fuller_named_study(context):
    facts = list(
        extract_works(
            context(
                "Ils rappelaient les résultats du 8ème Baromètre de la fidélité de l'Ifop et BVA. Un prix "
                "décerné suite à l'étude transectorielle de l'Ifop et BVA. Classée première du Baromètre "
                "de l'Ifop et BVA."
            )
        )
    )
    assert {f.get("label") for f in facts} == {"Baromètre de la fidélité"}
    assert len(facts) == 3  # one study, three passages


def test_a_book_reviewed_by_its_quoted_title_author_translator_and_publisher(context):
    body = (
        "« L'entreprise fluide », de l'Américain Mark Holton, consultant à Boston, est de ceux-là. L'ouvrage "
        "vient d'être publié en France chez Dunod, dans une traduction soignée de Sophie Lemaire.\n"
    )
    facts = list(extract_works(context(body, title="« L'entreprise fluide » : le livre de l'année")))
    roles = {(r, v.name if hasattr(v, "name") else v) for f in facts for r, v in f.roles}
    assert {("label", "L'entreprise fluide"), ("author", "Mark Holton"), ("translator", "Sophie Lemaire"),
            ("publisher", "Dunod")} <= roles


def test_a_study_conducted_by_an_institute(context):
    body = "Place au Baromètre de la réclamation 2015, réalisé par l'institut Opinion Plus pour l'APSC.\n"
    facts = list(extract_works(context(body)))
    assert any(f.get("label") == "Baromètre de la réclamation 2015" and f.get("author").name == "Opinion Plus"
               for f in facts)


def test_an_unnamed_study_is_named_after_the_firm_that_launches_it(context):
    body = "Cette année, Brindor publie un baromètre (réalisé par Sondalia Conseil) sur l'attente."
    facts = [f for f in extract_works(context(body)) if f.type == "Study"]
    assert [f.get("label") for f in facts] == ["baromètre Brindor"]
    assert {a.name for a in facts[0].all("author")} == {"Brindor", "Sondalia Conseil"}
    unnamed = context("Un baromètre (réalisé par Sondalia Conseil) vient de paraître.")
    assert not [f for f in extract_works(unnamed) if f.type == "Study"]


def test_a_study_whose_maker_is_the_subject_takes_no_words_past_its_sentence(context):
    found = works(context("La Fédération Française de la Boulangerie publie son rapport "
                          "d'activité. En 2023, le document compte quarante pages."))
    assert found and all("." not in label for _, label, _ in found)
    assert {label for _, label, _ in found} == {"rapport d'activité"}  # an annual report's own head


def test_a_study_named_by_its_whole_noun_phrase(context):
    # past the capitals and domain words: the phrase the parse gives the head word, its maker inside it
    found = works(context("Le rapport 2019 de la Fédération Numérique sur les litiges est paru hier."))
    label = "rapport 2019 de la Fédération Numérique sur les litiges"
    assert ("Study", label, "Fédération Numérique") in found


def test_a_study_phrase_stops_before_a_complement_of_place(context):
    found = works(context("Le baromètre 2020 des délais de réponse à Webhelp a surpris."))
    assert {label for _, label, _ in found} == {"baromètre 2020 des délais de réponse"}


def test_a_quoted_study_name_ends_at_its_closing_quote(context):
    text = 'Le "baromètre 2021 de la fidélité des clients" (tel est son nom) note : "les clients partent".'
    found = works(context(text))
    assert {label for _, label, _ in found} == {"baromètre 2021 de la fidélité des clients"}


def test_a_possessive_book_fronted_before_its_author(context):
    found = works(context("Dans son livre « Servir ou mourir », Jean Morel explique la démarche."))
    assert ("Book", "Servir ou mourir", "Jean Morel") in found


def test_a_white_paper_is_no_book(context):
    found = works(context("Le Livre Blanc Parcours clients de Brindor vient de paraître."))
    assert not any(kind == "Book" for kind, _, _ in found)


def _authors(ctx) -> dict[str, set[str]]:
    return {f.get("label"): {a.name for a in f.all("author")} for f in extract_works(ctx)}


def test_the_subject_of_a_writing_verb_writes_the_work_it_names(context):
    found = _authors(context("Marc Aubert et Julie Fervent signent le livre « Servir vraiment » chez Dunod."))
    assert found["Servir vraiment"] == {"Marc Aubert", "Julie Fervent"}
    found = _authors(context("Le cabinet Orvenal publie son baromètre Relation Client 2019."))
    assert found["baromètre Relation Client 2019"] == {"Orvenal"}


def test_a_fronted_work_is_written_by_the_subject_of_a_telling_verb(context):
    found = _authors(context(
        "Dans le livre blanc « Parcours client omnicanal », Orvenal et Kelmor détaillent dix pratiques."
    ))
    assert found["Parcours client omnicanal"] == {"Orvenal", "Kelmor"}


def test_a_work_cited_as_a_source_gives_no_author(context):
    found = _authors(context("Selon le baromètre Relation Client 2020, Brevanor passe devant Kelmor."))
    assert found["baromètre Relation Client 2020"] == set()
    found = _authors(context("Kelmor n'a pas publié le baromètre Relation Client 2021 cette année."))
    assert not found.get("baromètre Relation Client 2021")


def test_a_title_in_apposition_to_a_works_head_noun(context):
    found = works(context("Selon une nouvelle étude, le Satisfaction Index de la Fnac, les clients sont "
                          "contents. Ils publient un ouvrage, les Carnets du Client, chez Eyrolles."))
    assert ("Study", "Satisfaction Index", "Fnac") in found
    assert ("Book", "Carnets du Client", None) in found
    ranked = works(context("Le classement, la Fnac en tête, est paru."))
    assert not any(label == "Fnac" for _, label, _ in ranked)
