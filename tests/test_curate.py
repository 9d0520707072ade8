
from hypothesis import given, settings
from hypothesis import strategies as st

from brief.config import Pin, SectionConfig, load_config
from brief.curate.points import curate
from brief.model import Source
from brief.read.segment import segment
from conftest import FIXTURES, assembled


def _sources(*texts: str) -> list[Source]:
    return [Source(id=f"S{i}", path=f"{i}.txt", title="t", text=t) for i, t in enumerate(texts, 1)]


def _run(cfg, sources):  # noqa: ANN001, ANN202
    passages = [p for s in sources for p in segment(s)]
    return curate(sources, passages, cfg)


def test_near_duplicates_across_sources_merge_and_cite_all() -> None:
    cfg = load_config(FIXTURES / "brief.toml")
    srcs = _sources(
        "高市首相は防衛費を国内総生産比2パーセントに増額する目標を2025年度に前倒しする方針を示した。\n",
        "首相は、防衛費の国内総生産比2%への増額を2025年度に前倒しする方針を表明しました。\n",
        "北朝鮮のミサイル発射を受け、自衛隊と米軍が共同演習を行った。\n",
    )
    sections, _ = _run(cfg, srcs)
    security = next(s for s in sections if s.key == "security")
    merged = [it for it in security.items if len(it.source_ids) > 1]
    assert len(merged) == 1
    # both cited, the point's own wording first (the representative: its fuller telling)
    assert sorted(merged[0].source_ids) == ["S1", "S2"]
    assert merged[0].citations[0].ja == merged[0].ja
    assert len(merged[0].citations) == 2
    assert len(security.items) == 2


def test_exclude_and_pin_and_added_section() -> None:
    cfg = load_config(FIXTURES / "brief.toml")
    cfg.sections.append(SectionConfig(key="energy", title="Energy",
                                      keywords={"LNG": 1.5, "エネルギー": 1.5, "制裁": 1.0}))
    cfg.exclude = ["共同演習"]
    cfg.pins = [Pin(text="会場は静かだった", section="optics")]
    srcs = _sources(
        "北朝鮮のミサイル発射を受け、自衛隊と米軍が共同演習を行った。\n"
        "ロシア産LNGの扱いと制裁の両立というエネルギー安全保障の課題が浮上した。\n"
        "会場は静かだった。\n"
    )
    sections, _ = _run(cfg, srcs)
    by_key = {s.key: s for s in sections}
    assert all("共同演習" not in it.ja for s in sections for it in s.items)
    assert [it.ja for it in by_key["optics"].items] == ["会場は静かだった。"]
    assert by_key["optics"].items[0].pinned
    assert [it.ja[:8] for it in by_key["energy"].items] == ["ロシア産LNGの"]


def test_seeds_fill_every_section_and_cite_sources() -> None:
    brief = assembled()
    for section in brief.sections:
        assert len(section.items) >= 3, section.key
        for it in section.items:
            assert it.citations and all(c.ja for c in it.citations)
            src_texts = {c.source_id: brief.source(c.source_id).text for c in it.citations}
            for c in it.citations:
                assert src_texts[c.source_id][c.start:c.end] == c.ja
    assert 3 <= len(brief.bottom_line) <= 5
    assert any(len(it.source_ids) >= 3 for s in brief.sections for it in s.items)


def _brute_force_clusters(cands, threshold):  # noqa: ANN001, ANN202
    """The clustering rule stated plainly: every earlier cluster, every member scored."""
    from brief.curate.cluster import Cluster, similarity

    clusters: list[Cluster] = []
    for c in cands:
        best, best_sim = None, threshold
        for cl in clusters:
            if cl.members[0].section != c.section:
                continue
            sim = max(similarity(c, m) for m in cl.members)
            if sim >= best_sim:
                best, best_sim = cl, sim
        if best is None:
            clusters.append(Cluster([c]))
        else:
            best.members.append(c)
    return clusters


def test_indexed_clustering_matches_scoring_every_pair() -> None:
    from brief.analyse.classify import Classifier
    from brief.curate.cluster import cluster
    from brief.curate.points import candidates
    from brief.read.ingest import read_sources

    cfg = load_config(FIXTURES / "brief.toml")
    sources = read_sources(FIXTURES / "seeds")
    passages = [p for s in sources for p in segment(s)]
    cands = candidates(passages, cfg, Classifier(cfg))
    assert len(cands) > 50
    for threshold in (0.3, 0.45, 0.5, 0.6):  # 0.3: pairs sharing no lemma may merge too
        fast = [[id(m) for m in cl.members] for cl in cluster(cands, threshold)]
        slow = [[id(m) for m in cl.members] for cl in _brute_force_clusters(cands, threshold)]
        assert fast == slow, threshold


def test_republished_copies_join_one_point() -> None:
    cfg = load_config(FIXTURES / "brief.toml")
    text = "北朝鮮のミサイル発射を受け、自衛隊と米軍が共同演習を行った。\n"
    sections, _ = _run(cfg, _sources(text, text, text))
    security = next(s for s in sections if s.key == "security")
    assert len(security.items) == 1 and security.items[0].source_ids == ["S1", "S2", "S3"]


def _trade_order(*sources: Source) -> list[str]:
    cfg = load_config(FIXTURES / "brief.toml")
    sections, _ = _run(cfg, list(sources))
    return [it.source_ids[0] for it in next(s for s in sections if s.key == "trade").items]


PLEDGE = "日本は対米投資と工場建設を約束しました。\n"
OTHER = "韓国企業も対米投資の一環として工場の新設を発表した。\n"


def test_a_sentence_under_a_subheading_of_its_section_ranks_higher() -> None:
    plain, under = _sources("記事\n" + PLEDGE, "記事\n通商と関税の行方\n" + OTHER)
    assert _trade_order(plain, under) == ["S2", "S1"]
    assert _trade_order(*_sources("記事\n" + PLEDGE, "記事\n\n" + OTHER)) == ["S1", "S2"]


def test_a_point_only_low_reliability_sources_make_ranks_lower() -> None:
    blog, paper = _sources("記事\n" + PLEDGE, "記事\n" + OTHER)
    blog.reliability = "low"
    assert _trade_order(blog, paper) == ["S2", "S1"]


def test_a_sentence_leaning_on_the_one_before_ranks_lower() -> None:
    order = _trade_order(*_sources("記事\nこうした中、" + PLEDGE, "記事\n" + OTHER))
    assert order == ["S2", "S1"]
    order = _trade_order(*_sources("記事\nその後、" + PLEDGE, "記事\n" + OTHER))
    assert order == ["S1", "S2"]  # その後 is a time, not a reference back


def test_low_threshold_and_sentences_without_lemmas() -> None:
    from brief.curate.cluster import Candidate, cluster
    from brief.model import Passage

    def cand(text: str, lemmas: set[str]) -> Candidate:
        return Candidate(Passage("S1", 0, len(text), text), "trade", 2.0, frozenset(lemmas),
                         frozenset(), 0)

    cands = [cand("「」", set()), cand("関税を上げる。", {"関税", "上げる"}), cand("…", set())]
    assert [len(c.members) for c in cluster(cands, 0.1)] == [1, 1, 1]
    assert [len(c.members) for c in _brute_force_clusters(cands, 0.1)] == [1, 1, 1]


def test_a_lemma_too_common_to_propose_pairs_leaves_them_to_rarer_shared_words(
        monkeypatch) -> None:  # noqa: ANN001
    """Above MAX_POSTINGS sentences a lemma is a stop word for proposing pairs: what
    keeps clustering linear. Sentences sharing a rarer word still meet."""
    from brief.curate import cluster as clustering
    from brief.curate.cluster import Candidate, cluster
    from brief.model import Passage

    def cand(i: int, lemmas: set[str]) -> Candidate:
        text = "".join(sorted(lemmas)) + "。" * i
        return Candidate(Passage("S1", i, i + 1, text, index=i), "trade", 2.0,
                         frozenset(lemmas), frozenset(), 0)

    said = {"関税", "引き上げ", "発表"}
    rows = [said | {x} for x in ("自動車", "鉄鋼", "半導体", "牛肉")] + [said | {"牛肉", "輸入"}]
    assert [len(c.members) for c in cluster([cand(i, r) for i, r in enumerate(rows)],
                                            0.5)] == [5]
    monkeypatch.setattr(clustering, "MAX_POSTINGS", 2)
    got = cluster([cand(i, r) for i, r in enumerate(rows)], 0.5)
    assert [len(c.members) for c in got] == [3, 2]  # the shared three stopped; 牛肉 did not


VOCAB = ["防衛", "関税", "投資", "日米", "首脳", "会談", "合意", "中国", "鉱物", "同盟"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sets(st.sampled_from(VOCAB), max_size=6),
                          st.sampled_from(["trade", "security"]),
                          st.sets(st.sampled_from(["2", "5500", "84"]), max_size=2)),
                min_size=1, max_size=14),
       st.sampled_from([0.2, 0.35, 0.5, 0.7, 1.0, 1.1]))
def test_indexed_clustering_matches_brute_force_on_random_sentences(rows, threshold) -> None:  # noqa: ANN001
    from brief.curate.cluster import Candidate, cluster
    from brief.model import Passage

    cands = []
    for i, (lemmas, section, numbers) in enumerate(rows):
        text = "".join(sorted(lemmas)) + "".join(sorted(numbers)) + ("。" if i % 3 else "")
        cands.append(Candidate(Passage("S1", i, i + 1, text, index=i), section, 2.0,
                               frozenset(lemmas), frozenset(numbers), 0))
    fast = [[id(m) for m in cl.members] for cl in cluster(cands, threshold)]
    slow = [[id(m) for m in cl.members] for cl in _brute_force_clusters(cands, threshold)]
    assert fast == slow


def test_indexed_clustering_matches_brute_force_on_larger_random_corpora() -> None:
    """Up to 120 sentences with many ties and near-duplicates, their wording varied apart
    from their lemmas: the lazy scoring of the leading cluster's own sentences must still
    pick what scoring every pair picks."""
    import random

    from brief.curate.cluster import Candidate, cluster
    from brief.model import Passage

    rng = random.Random(20261124)
    words = [*VOCAB, "半導体", "造船"]
    for _ in range(40):
        cands = []
        for i in range(rng.randint(20, 120)):
            lemmas = frozenset(rng.sample(words, rng.randint(0, 6)))
            numbers = frozenset(rng.sample(["2", "5500", "84", "7"], rng.randint(0, 2)))
            filler = "".join(rng.choice("あいうえおかきくけこ ") for _ in range(rng.randint(0, 12)))
            text = filler + "".join(sorted(lemmas)) + "".join(sorted(numbers)) + "。"
            cands.append(Candidate(Passage("S1", i, i + 1, text, index=i),
                                   rng.choice(["trade", "security"]), 2.0, lemmas, numbers, 0))
        threshold = rng.choice([0.2, 0.35, 0.4, 0.5, 0.6, 0.7, 1.0])
        fast = [[id(m) for m in cl.members] for cl in cluster(cands, threshold)]
        slow = [[id(m) for m in cl.members] for cl in _brute_force_clusters(cands, threshold)]
        assert fast == slow, threshold


def test_a_point_takes_the_wording_of_its_most_reliable_factual_report() -> None:
    cfg = load_config(FIXTURES / "brief.toml")
    blog, paper, digest = _sources(
        "記事\n両首脳は重要鉱物の供給網強化に関する共同文書に署名したと報じられました。\n",
        "記事\n会談後、両首脳は重要鉱物の供給網強化に関する共同文書に署名しました。\n",
        "記事\n両首脳が重要鉱物の供給網強化で共同文書に署名した場面は非常に印象的でした。\n")
    blog.reliability = digest.reliability = "low"
    sections, _ = _run(cfg, [blog, paper, digest])
    [item] = next(s for s in sections if s.key == "economic_security").items
    assert item.source_ids[0] == "S2" and item.ja.startswith("会談後")
    assert sorted(item.source_ids) == ["S1", "S2", "S3"]
    sections, _ = _run(cfg, [blog, digest])  # no reliable report: a report over an impression
    [item] = next(s for s in sections if s.key == "economic_security").items
    assert item.ja.endswith("報じられました。")


def test_reports_that_disagree_on_a_figure_deadline_or_modality_are_not_one_point() -> None:
    from brief.analyse.claims import clash, facts_of
    from brief.model import Passage

    def facts(text: str) -> dict:
        from datetime import date

        return facts_of(Passage("S1", 0, len(text), text), date(2025, 10, 28))

    assert clash(facts("造船分野の協力では日本側が1兆5300億円の支援枠を設ける。"),
                 facts("造船分野の協力では日本側が約1.5兆円の支援枠を設ける。"))
    assert clash(facts("政府は防衛装備品の共同生産を今年度末までに具体化する方針だ。"),
                 facts("政府は防衛装備品の共同生産を2027年3月までに具体化する方針だ。"))
    assert clash(facts("首相はトランプ氏をノーベル平和賞に推薦したと伝えた。"),
                 facts("首相はトランプ氏をノーベル平和賞に推薦する意向を表明した。"))
    assert not clash(facts("両首脳は重要鉱物の供給確保に関する文書に署名した。"),
                     facts("両首脳は重要鉱物の供給確保に関する文書に署名しました。"))


def test_the_unseen_brief_cites_no_disagreeing_source_as_corroboration() -> None:
    brief = assembled(FIXTURES / "unseen")
    for item in brief.all_items():
        texts = [c.ja for c in item.citations]
        assert not ("今年度末" in " ".join(texts) and "2027年3月" in " ".join(texts))
        assert not (any("1兆5300億円" in t for t in texts) and any("約1.5兆円" in t for t in texts))


def test_bottom_line_takes_done_claims_with_the_widest_credible_corroboration() -> None:
    brief = assembled(FIXTURES / "unseen")
    low = {s.id for s in brief.sources if s.reliability == "low"}
    assert 3 <= len(brief.bottom_line) <= 5
    first = brief.bottom_line[0]
    assert "日米同盟をさらに強化することで一致" in first.ja and first.outlets >= 4
    for item in brief.bottom_line:
        assert item.modality in ("done", "stated", "reported"), item.ja
        assert set(item.source_ids) - low, item.ja  # never low-reliability sources alone
        assert "名無し" not in item.ja and "調整" not in item.ja and "意向" not in item.ja
    # the nomination is three claims: done, intention, under adjustment — never one point
    nominations = [it for it in brief.all_items() if "ノーベル平和賞" in it.ja]
    assert {it.modality for it in nominations} == {"done", "intention", "adjusting"}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sets(st.sampled_from(VOCAB), max_size=7),
                          st.sets(st.sampled_from(["2", "5500", "84"]), max_size=2)),
                min_size=1, max_size=20),
       st.sets(st.sampled_from(VOCAB), max_size=7),
       st.sets(st.sampled_from(["2", "5500", "84"]), max_size=2),
       st.sampled_from([0.2, 0.35, 0.425, 0.5, 0.6, 0.75, 1.0]))
def test_a_chosen_points_indexed_sentences_keep_every_one_that_reaches_the_threshold(
        members, mine, numbers, threshold) -> None:  # noqa: ANN001
    """Ranking asks whether a cluster tells a chosen point again of all the point's
    sentences at once (Reach): it may leave out only sentences whose similarity cannot
    reach the threshold, never one that does, and keeps their order."""
    from brief.curate.cluster import Candidate, Reach, could_reach, similarity
    from brief.model import Passage

    def cand(i: int, lemmas: set[str], nums: set[str]) -> Candidate:
        text = "".join(sorted(lemmas)) + "".join(sorted(nums)) + f"{i}。"
        return Candidate(Passage("S1", i, i + 1, text, index=i), "trade", 2.0,
                         frozenset(lemmas), frozenset(nums), 0)

    point = [cand(i, lemmas, nums) for i, (lemmas, nums) in enumerate(members)]
    c = cand(99, mine, numbers)
    kept = Reach(point).reachable(c, threshold)
    assert kept == [m for m in point if m in kept]  # in order
    assert all(could_reach(c, m, threshold) for m in kept)
    assert [m for m in point if similarity(c, m) >= threshold] == [
        m for m in kept if similarity(c, m) >= threshold]
    # several chosen points in one index (ranking bounds a sentence against all of them at
    # once): each point's share is what an index of that point alone keeps
    other = [cand(50 + i, lemmas | {"外相"}, nums) for i, (lemmas, nums) in enumerate(members)]
    both = Reach()
    both.add(point, 0)
    both.add(other, 1)
    grouped = both.reachable_by_group(c, threshold)
    assert grouped.get(0, []) == kept
    assert grouped.get(1, []) == Reach(other).reachable(c, threshold)
    assert all(grouped.values())  # a group nothing reaches is absent
