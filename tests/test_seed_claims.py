"""Every factual claim of the seed text is stated, and cited, in the site's content.

Each entry of CLAIMS names a claim, the content file (relative to content/) that
states it, regular expressions that must all match inside one paragraph or list
item of that file's Markdown source, and the citation keys that must be cited in
that same paragraph or list item (none when the claim is stated without a
source, e.g. as animal evidence or as an unconfirmed idea).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
DATA = CONTENT / "data"
SEED = ROOT.parent / "shared" / "seed" / "magnesium-bone-health.txt"

CITATION_RE = re.compile(r"\[(@[^\]]+)\]")
INLINE_VALUE_RE = re.compile(r"\{\{\s*([a-z0-9-]+)\.([a-z0-9-]+)\.([a-z0-9_]+)\s*\}\}")
BLOCK_START_RE = re.compile(r"(?:[-*+]|\d+\.)\s|#|!!!|:::")


class Claim(NamedTuple):
    name: str
    path: str
    patterns: tuple[str, ...]
    keys: tuple[str, ...] = ()


A = "articles/"
CLAIMS = [
    # Magnesium in the body (seed introduction)
    Claim("enzymes-over-300", A + "magnesium-and-bone.md", (r"more than 300 enzyme systems",), ("iom1997_dri_mg",)),
    Claim("enzymes-over-600-newer-review", A + "magnesium-and-bone.md", (r"more than 600 enzymes",), ("uwitonze2018",)),
    Claim(
        "body-total-and-share-in-bone",
        A + "magnesium-and-bone.md",
        (r"about 25 grams", r"50 and 60 percent .* bone"),
        ("iom1997_dri_mg",),
    ),
    Claim("extracellular-one-percent", A + "magnesium-and-bone.md", (r"about 1 percent",), ("iom1997_dri_mg",)),
    Claim(
        "bone-store-one-third-exchangeable",
        A + "magnesium-and-bone.md",
        (r"one-third", r"exchangeable"),
        ("iom1997_dri_mg",),
    ),
    Claim(
        "more-than-structural-osteoporosis",
        A + "magnesium-and-bone.md",
        (r"shortage may add to osteoporosis", r"inflammation"),
        ("castiglioni2013",),
    ),
    Claim("home-share-in-bone", "index.md", (r"50 and 60 percent",), ("iom1997_dri_mg",)),
    # Mechanisms: vitamin D cofactor
    Claim(
        "cofactor-vitamin-d-enzymes",
        A + "magnesium-and-vitamin-d.md",
        (r"enzymes that process vitamin D in the liver and kidneys seem to depend on magnesium",),
        ("uwitonze2018",),
    ),
    Claim(
        "cofactor-vitamin-d-activation",
        A + "magnesium-and-vitamin-d.md",
        (r"cofactor for making, carrying and activating vitamin D",),
        ("rosanoff2016",),
    ),
    Claim(
        "vitamin-d-enzymes-magnesium-dependent",
        A + "magnesium-and-vitamin-d.md",
        (r"lab and animal studies", r"depend on magnesium"),
        ("dai2018",),
    ),
    Claim("vitamin-d-calcium-absorption", A + "magnesium-and-vitamin-d.md", (r"help the gut absorb calcium",)),
    Claim(
        "poor-calcium-use-despite-intake",
        A + "magnesium-and-vitamin-d.md",
        (r"less calcium may be absorbed, even when the diet contains enough calcium",),
    ),
    Claim(
        "vitamin-d-inactive-in-deficiency",
        A + "magnesium-and-vitamin-d.md",
        (r"Sixteen of them had low levels of calcitriol", r"5 to 13 days"),
        ("rude1985",),
    ),
    Claim(
        "vitamin-d-falls-on-low-mg-diet", A + "magnesium-and-vitamin-d.md", (r"from 55 to 43 pmol/L",), ("fatemi1991",)
    ),
    Claim(
        "vitamin-d-nhanes-observational",
        A + "magnesium-and-vitamin-d.md",
        (r"less likely to have low vitamin D",),
        ("bmcmed2013_mg_vitd_nhanes",),
    ),
    Claim("vitamin-d-nhanes-79-percent", A + "magnesium-and-vitamin-d.md", (r"79 percent of US adults",), ("dai2018",)),
    Claim(
        "vitamin-d-stays-low-in-most",
        A + "magnesium-and-vitamin-d.md",
        (r"Only 5 of the patients", r"in most it stayed low"),
        ("rude1985",),
    ),
    Claim(
        "how-mg-works-vitamin-d",
        A + "how-magnesium-works-in-bone.md",
        (r"enzymes that process vitamin D", r"need magnesium"),
        ("uwitonze2018",),
    ),
    # Mechanisms: bone cells
    Claim("osteoclasts-resorb", A + "bone-cells-and-remodeling.md", (r"\*\*Osteoclasts\*\* dissolve", r"resorption")),
    Claim("osteoblasts-build", A + "bone-cells-and-remodeling.md", (r"\*\*Osteoblasts\*\* then fill the gap",)),
    Claim(
        "deficiency-acts-on-bone-cells",
        A + "bone-cells-and-remodeling.md",
        (r"lack of magnesium acts directly on bone cells",),
        ("castiglioni2013",),
    ),
    Claim(
        "osteoblasts-slowed-osteoclasts-spurred",
        A + "bone-cells-and-remodeling.md",
        (r"slows down osteoblasts and speeds up osteoclasts", r"animal research"),
    ),
    Claim(
        "mice-trabecular-bone-loss",
        A + "bone-cells-and-remodeling.md",
        (r"young mice", r"four and six weeks"),
        ("gruber2003",),
    ),
    Claim(
        "how-mg-works-bone-cells",
        A + "how-magnesium-works-in-bone.md",
        (r"acts directly on these bone cells",),
        ("castiglioni2013",),
    ),
    # Mechanisms: crystals
    Claim(
        "hydroxyapatite-surface",
        A + "how-magnesium-works-in-bone.md",
        (r"surface of these crystals", r"stored in bone"),
        ("nrv_anz_mg",),
    ),
    Claim(
        "crystal-size-association",
        A + "how-magnesium-works-in-bone.md",
        (r"19 women with osteoporosis", r"larger and more regular"),
        ("isrjmedsci1981_bone_mg",),
    ),
    Claim(
        "crystal-formation-review", A + "how-magnesium-works-in-bone.md", (r"crystal formation",), ("castiglioni2013",)
    ),
    Claim(
        "crystals-stiffness-fragility-unconfirmed",
        A + "how-magnesium-works-in-bone.md",
        (r"stiff or brittle", r"not bone strength"),
    ),
    # Mechanisms: soft tissue calcification (no verified source: stated as an idea)
    Claim(
        "soft-tissue-calcification-idea",
        A + "how-magnesium-works-in-bone.md",
        (r"artery walls and cartilage", r"often said"),
    ),
    Claim(
        "soft-tissue-calcification-balance",
        A + "calcium-magnesium-vitamin-d.md",
        (r"artery walls and cartilage", r"thought to"),
    ),
    # Consequences of deficiency
    Claim(
        "animal-deficient-diet-bone",
        A + "magnesium-deficiency-and-bone.md",
        (r"young mice", r"spongy inner bone"),
        ("gruber2003",),
    ),
    Claim(
        "animal-fragile-bones-microfractures",
        A + "magnesium-deficiency-and-bone.md",
        (r"fragile bones and microfractures", r"not among the sources"),
    ),
    Claim(
        "human-bone-magnesium-osteoporosis",
        A + "magnesium-deficiency-and-bone.md",
        (r"16 of 19 women with osteoporosis",),
        ("isrjmedsci1981_bone_mg",),
    ),
    Claim(
        "human-intake-hip-bmd",
        A + "magnesium-deficiency-and-bone.md",
        (r"higher bone mineral density \(BMD\) at the hip",),
        ("groenendijk2022",),
    ),
    Claim(
        "human-serum-mg-bmd-unconfirmed",
        A + "magnesium-deficiency-and-bone.md",
        (r"Low blood magnesium is also often said to go with lower BMD", r"cannot confirm"),
    ),
    Claim(
        "serum-normal-range", A + "magnesium-deficiency-and-bone.md", (r"0\.75 to 0\.95 mmol/L",), ("iom1997_dri_mg",)
    ),
    Claim(
        "three-routes-review",
        A + "magnesium-deficiency-and-bone.md",
        (r"changes the release and action of PTH", r"low-grade inflammation"),
        ("castiglioni2013",),
    ),
    Claim(
        "reason-vitamin-d", A + "magnesium-deficiency-and-bone.md", (r"calcitriol", r"16 of 23 patients"), ("rude1985",)
    ),
    Claim(
        "reason-pth",
        A + "magnesium-deficiency-and-bone.md",
        (r"releasing enough PTH", r"respond less"),
        ("fatemi1991", "pmid1591142"),
    ),
    Claim(
        "reason-inflammation",
        A + "magnesium-deficiency-and-bone.md",
        (r"promotes low-grade inflammation",),
        ("castiglioni2013",),
    ),
    Claim(
        "inflammation-cytokines",
        A + "magnesium-deficiency-and-bone.md",
        (r"TNF-alpha, IL-1 and IL-6",),
        ("nielsen2018",),
    ),
    Claim(
        "cytokines-osteoclasts-animal-only",
        A + "magnesium-deficiency-and-bone.md",
        (r"In animal studies, these signals have been linked to more osteoclasts", r"animal evidence"),
    ),
    Claim(
        "too-much-also-harms",
        A + "magnesium-deficiency-and-bone.md",
        (r"high magnesium levels can also harm bone",),
        ("castiglioni2013",),
    ),
    # Parathyroid hormone
    Claim(
        "pth-secretion-impaired-diet-study",
        A + "magnesium-and-pth.md",
        (r"20 of the 26 people, PTH either fell or stayed the same",),
        ("fatemi1991",),
    ),
    Claim(
        "pth-rises-when-mg-given",
        A + "magnesium-and-pth.md",
        (r"injection of magnesium raised PTH", r"eight people"),
        ("fatemi1991",),
    ),
    Claim("pth-inadequate-constant-feature", A + "magnesium-and-pth.md", (r"constant feature",), ("pmid1591142",)),
    Claim("pth-resistance", A + "magnesium-and-pth.md", (r"sign of PTH resistance",), ("fatemi1991",)),
    Claim("pth-resistance-most-not-all", A + "magnesium-and-pth.md", (r"most, but not all",), ("pmid1591142",)),
    Claim("pth-normal-end-organ-case", A + "magnesium-and-pth.md", (r"responded normally to PTH",), ("suh1973",)),
    Claim(
        "pth-regulator-bone",
        A + "magnesium-and-pth.md",
        (r"main hormones controlling calcium and bone", r"PTH release and PTH action"),
        ("castiglioni2013",),
    ),
    # Research on bone density and fractures
    Claim(
        "review-2022-bone-january",
        A + "what-the-research-shows.md",
        (r"\*Bone\* in January 2022", r"aged 60 and over"),
        ("groenendijk2022",),
    ),
    Claim(
        "review-2022-hip-bmd",
        A + "what-the-research-shows.md",
        (r"higher magnesium intake went with a higher bone mineral density \(BMD\) at the hip",),
        ("groenendijk2022",),
    ),
    Claim(
        "review-2022-femoral-neck",
        A + "what-the-research-shows.md",
        (r"positive trend at the femoral neck",),
        ("groenendijk2022",),
    ),
    Claim(
        "review-2022-lumbar-spine-and-fractures",
        A + "what-the-research-shows.md",
        (r"lumbar spine", r"no link with fractures"),
        ("groenendijk2022",),
    ),
    Claim(
        "review-2016-marginal-hip-femoral-neck",
        A + "what-the-research-shows.md",
        (r"marginally significant", r"total hip", r"femoral neck"),
        ("farsinejadmarj2016",),
    ),
    Claim(
        "review-2016-no-fracture-link",
        A + "what-the-research-shows.md",
        (r"no link between magnesium intake and the risk of fractures",),
        ("farsinejadmarj2016",),
    ),
    Claim(
        "fracture-risk-unproven",
        A + "what-the-research-shows.md",
        (r"More research is needed", r"risk of fractures"),
        ("groenendijk2022", "farsinejadmarj2016"),
    ),
    Claim(
        "girls-magnesium-oxide-trial",
        A + "what-the-research-shows.md",
        (r"girls aged 8 to 14", r"magnesium oxide"),
        ("girls_mgo_rct_pmc2995550",),
    ),
    Claim(
        "home-hip-but-not-fractures",
        "index.md",
        (r"denser bone at the hip", r"could not show fewer broken bones", r"two large studies disagree"),
        ("groenendijk2022", "farsinejadmarj2016", "orchard_whi_mg", "veronese2017"),
    ),
    Claim(
        "fracture-cohort-whi",
        A + "what-the-research-shows.md",
        (r"73,684 women", r"no different", r"wrist"),
        ("orchard_whi_mg",),
    ),
    Claim(
        "fracture-cohort-oai",
        A + "what-the-research-shows.md",
        (r"3,765 adults", r"less than half the fracture risk", r"borderline"),
        ("veronese2017",),
    ),
    Claim(
        "girls-trial-dose-supervised",
        A + "what-the-research-shows.md",
        (r"under research supervision", r"\{\{ ul\.children-4-8\.ul \}\}", r"not a dose to give a child"),
        ("iom2000_ul_summary",),
    ),
    # Dietary vs supplemental magnesium
    Claim("food-absorption-share", A + "food-or-supplements.md", (r"a quarter to three quarters",), ("nrv_anz_mg",)),
    Claim(
        "supplement-forms-oxide",
        A + "food-or-supplements.md",
        (r"about 4 percent", r"Chloride, lactate and aspartate"),
        ("magnesres2001_us_preps",),
    ),
    Claim(
        "supplement-forms-citrate",
        A + "food-or-supplements.md",
        (r"citrate was better absorbed than magnesium oxide",),
        ("bmcnutr_citrate_oxide",),
    ),
    Claim(
        "supplement-forms-glycinate",
        A + "food-or-supplements.md",
        (r"23\.5 percent against 22\.8 percent",),
        ("schuette1994",),
    ),
    Claim(
        "supplement-forms-review",
        A + "food-or-supplements.md",
        (r"organic forms, such as citrate, tend to be more bioavailable", r"depends on the dose"),
        ("pardo2021",),
    ),
    Claim(
        "ul-supplements-only",
        A + "food-or-supplements.md",
        (r"does not include magnesium from food and water",),
        ("iom2000_ul_summary",),
    ),
    Claim(
        "ul-adults-value",
        A + "food-or-supplements.md",
        (r"aged 9 and over", r"\{\{ ul\.adults\.ul \}\} mg a day"),
        ("iom2000_ul_summary",),
    ),
    Claim(
        "side-effect-diarrhea", A + "food-or-supplements.md", (r"diarrhea", r"6 of 21 patients"), ("iom1997_dri_mg",)
    ),
    Claim("side-effects-nausea-cramping", A + "food-or-supplements.md", (r"nausea and cramps",), ("iom1997_dri_mg",)),
    Claim(
        "supplements-diagnosed-deficiency",
        A + "food-or-supplements.md",
        (r"a doctor has found a real deficiency", r"under medical care"),
        ("rude1985",),
    ),
    Claim(
        "supplements-absorption-problems",
        A + "food-or-supplements.md",
        (r"patients who had had bowel surgery",),
        ("schuette1994",),
    ),
    # The ODS food table backs which foods are rich in magnesium; "the place to start" is the site's own advice
    Claim(
        "food-first",
        A + "food-or-supplements.md",
        (r"Seeds, nuts, beans, whole grains and leafy greens are rich in magnesium", r"varied diet with these foods"),
        ("ods_mg_hp",),
    ),
    Claim(
        "home-supplements-ul",
        "index.md",
        (r"mainly for people a doctor has found to be low", r"\{\{ ul\.adults\.ul \}\} mg"),
        ("iom2000_ul_summary",),
    ),
    # Kidneys clear excess magnesium from food, so food poses little risk (seed table, "Risks")
    Claim(
        "kidneys-clear-food-magnesium",
        A + "supplement-safety.md",
        (
            r"kidneys keep the body's magnesium in balance",
            r"extra magnesium out in the urine",
            r"from food has not been shown",
        ),
        ("iom1997_dri_mg",),
    ),
    Claim(
        "home-kidneys-clear-food-magnesium",
        "index.md",
        (r"from food does not build up", r"kidneys remove"),
        ("iom1997_dri_mg",),
    ),
    Claim(
        "kidney-disease-build-up",
        A + "supplement-safety.md",
        (r"weak kidneys", r"severe kidney failure"),
        ("iom1997_dri_mg", "smpc_mg_hydroxide_mixture", "fung1995"),
    ),
    Claim(
        "antacids-laxatives-count",
        A + "supplement-safety.md",
        (r"antacid", r"laxative", r"count toward it"),
        ("smpc_mg_hydroxide_mixture", "wakai2019", "iom2000_ul_summary"),
    ),
    Claim(
        "interaction-bisphosphonates",
        A + "supplement-safety.md",
        (r"alendronate", r"different time of day", r"3 to 4 hours"),
        ("emkey2004", "smpc_mg_citrate_kora"),
    ),
    Claim(
        "interaction-antibiotics",
        A + "supplement-safety.md",
        (r"Tetracycline and quinolone", r"tetracycline, keep the doses at least 2 to 3 hours apart"),
        ("smpc_mg_hydroxide_mixture", "smpc_mg_citrate_kora"),
    ),
    Claim(
        "interaction-quinolone-timing",
        A + "supplement-safety.md",
        (r"ciprofloxacin", r"at least 2 hours before, or 6 hours after", r"ask your pharmacist"),
        ("label_cipro_er",),
    ),
    Claim(
        "interaction-diuretics",
        A + "supplement-safety.md",
        (r"Loop and thiazide", r"Potassium-sparing"),
        ("smpc_mg_citrate_kora", "iom1997_dri_mg", "davies_fraser1993"),
    ),
    Claim(
        "interaction-ppis",
        A + "supplement-safety.md",
        (r"Proton pump inhibitors", r"more than a year", r"three months"),
        ("fda_ppi_dsc_2011", "fda_ppi_podcast_2011"),
    ),
    Claim(
        "tell-about-every-supplement",
        A + "supplement-safety.md",
        (r"Tell your doctor or pharmacist about every supplement",),
        ("fung1995",),
    ),
    Claim(
        "home-safety-interactions",
        "index.md",
        (r"alendronate", r"antibiotics"),
        ("emkey2004", "smpc_mg_hydroxide_mixture"),
    ),
    # Supplements often come combined with calcium and vitamin D (seed table, "Combined Nutrients")
    Claim(
        "combined-products",
        A + "supplement-safety.md",
        (r"usually comes from multivitamins", r"calcium supplements often come combined with vitamin D"),
        ("illinois_ext_supplements",),
    ),
    # Food brings calcium, potassium and vitamin K (seed table): no verified source, so stated as unconfirmed
    Claim(
        "food-other-nutrients-unconfirmed",
        A + "food-or-supplements.md",
        (r"calcium, potassium and vitamin K", r"cannot confirm"),
    ),
    # Who is at risk, signs, and the limits of the blood test
    Claim("risk-older-adults", A + "magnesium-deficiency-and-bone.md", (r"Older adults",), ("barbagallo2021",)),
    Claim(
        "risk-type-2-diabetes", A + "magnesium-deficiency-and-bone.md", (r"type 2 diabetes",), ("schwalfenberg2017",)
    ),
    Claim("risk-alcohol", A + "magnesium-deficiency-and-bone.md", (r"drink heavily",), ("iom1997_dri_mg",)),
    Claim(
        "risk-gut-disease-surgery",
        A + "magnesium-deficiency-and-bone.md",
        (r"Crohn's disease", r"small bowel"),
        ("schwalfenberg2017", "schuette1994"),
    ),
    Claim(
        "risk-medicines",
        A + "magnesium-deficiency-and-bone.md",
        (r"proton pump inhibitors", r"diuretics"),
        ("fda_ppi_dsc_2011", "smpc_mg_citrate_kora"),
    ),
    Claim(
        "signs-mild",
        A + "magnesium-deficiency-and-bone.md",
        (r"mild shortage often causes only vague signs", r"put down to age"),
        ("barbagallo2021",),
    ),
    Claim(
        "signs-serious",
        A + "magnesium-deficiency-and-bone.md",
        (r"muscle spasms, an irregular heartbeat and seizures", r"low blood calcium"),
        ("fda_ppi_podcast_2011", "suh1973"),
    ),
    Claim(
        "blood-test-misses-low-stores",
        A + "magnesium-deficiency-and-bone.md",
        (r"about 1 percent", r"poorly", r"normal result does not always rule out"),
        ("iom1997_dri_mg", "fiorentini2021"),
    ),
    # Calcium, magnesium and vitamin D
    Claim(
        "nutrients-interact",
        A + "calcium-magnesium-vitamin-d.md",
        (r"interacts with vitamin D and calcium status",),
        ("rosanoff2016",),
    ),
    Claim(
        "mg-needed-for-active-vitamin-d",
        A + "calcium-magnesium-vitamin-d.md",
        (r"cofactor for making, carrying and activating vitamin D",),
        ("rosanoff2016",),
    ),
    Claim(
        "ca-mg-ratio-study",
        A + "calcium-magnesium-vitamin-d.md",
        (r"955 Puerto Rican adults", r"cross-sectional"),
        ("fouhy2023_ca_mg_ratio",),
    ),
    Claim(
        "ca-mg-ratio-2-2-to-3-2",
        A + "calcium-magnesium-vitamin-d.md",
        (r"2\.2 to 3\.2 went with the lowest odds",),
        ("fouhy2023_ca_mg_ratio",),
    ),
    Claim("ca-mg-ratio-about-2", A + "calcium-magnesium-vitamin-d.md", (r"around 2\.0",), ("rosanoff2016",)),
    Claim("ca-mg-ratio-not-advice", A + "calcium-magnesium-vitamin-d.md", (r"research findings, not advice",)),
    Claim("home-balance", "index.md", (r"work as a team",), ("rosanoff2016",)),
    # Conclusion: balance, too little and too much
    Claim(
        "deficiency-and-excess-harm",
        A + "how-magnesium-works-in-bone.md",
        (r"both too little and too much magnesium can harm bone",),
        ("castiglioni2013",),
    ),
    Claim(
        "overview-deficiency-and-excess-harm",
        A + "magnesium-and-bone.md",
        (r"both too little and too much magnesium can harm bone",),
        ("castiglioni2013",),
    ),
    # Intake
    Claim(
        "rda-adults",
        A + "how-much-magnesium.md",
        (r"\{\{ rda\.adults-19-30\.male \}\}", r"\{\{ rda\.adults-31-50\.female \}\}"),
        ("nasem_dri_elements_table",),
    ),
    Claim(
        "rda-pregnancy-plus-35",
        A + "how-much-magnesium.md",
        (r"35 mg a day", r"about 40 mg higher"),
        ("iom1997_dri_mg",),
    ),
    Claim(
        "rda-lactation-no-increase",
        A + "how-much-magnesium.md",
        (r"Breastfeeding does not raise the need",),
        ("iom1997_dri_mg",),
    ),
    Claim(
        "daily-value-420",
        A + "how-much-magnesium.md",
        (r"\{\{ daily-value\.current\.dv \}\} mg, up from",),
        ("fda_labeling_rule_2016",),
    ),
    Claim("nhanes-79-percent", A + "how-much-magnesium.md", (r"79 percent of US adults",), ("dai2018",)),
    Claim("food-sources-ods", A + "how-much-magnesium.md", (r"NIH Office of Dietary Supplements",), ("ods_mg_hp",)),
    # UK values beside the US ones, from the NHS page as read in a copy, and said to be read in a copy
    Claim(
        "uk-daily-amounts",
        A + "how-much-magnesium.md",
        (r"adults aged 19 to 64 need 300 mg a day for men and 270 mg a day for women", r"400 mg or less a day"),
        ("nhs_vitamins_others",),
    ),
    Claim(
        "uk-advice-read-in-a-copy",
        A + "how-much-magnesium.md",
        (r"NHS advice as it is reproduced on another website",),
    ),
    Claim(
        "uk-supplement-advice",
        A + "food-or-supplements.md",
        (r"In the UK, the NHS says that taking 400 mg or less a day from supplements is unlikely to cause any harm",),
        ("nhs_vitamins_others",),
    ),
    Claim(
        "home-uk-daily-amounts", "index.md", (r"NHS gives 300 mg a day for men and 270 mg",), ("nhs_vitamins_others",)
    ),
    # One laxative dose can be above the limit: the scale, beside "they count"
    Claim(
        "laxative-dose-above-limit",
        A + "food-or-supplements.md",
        (r"one laxative dose can be above it",),
        ("iom2000_ul_summary", "label_milk_of_magnesia"),
    ),
    # The ODS food table was read in a copy: the pages say so, and name the copy where the table is shown
    Claim(
        "food-table-read-in-a-copy",
        A + "how-much-magnesium.md",
        (
            r"as reproduced on another website, magnitop\.in",
            r"an earlier version of the same table, on healingheartdiseasenaturally\.com",
        ),
        ("ods_mg_hp",),
    ),
    Claim(
        "checker-foods-read-in-a-copy",
        A + "intake-checker.md",
        (r"Office of Dietary Supplements, as reproduced on another website",),
        ("ods_mg_hp",),
    ),
    # Closing line of the seed: the NIH fact sheet
    Claim(
        "nih-fact-sheet",
        A + "magnesium-and-bone.md",
        (r"NIH Office of Dietary Supplements", r"fact sheet"),
        ("ods_mg_hp",),
    ),
]


def read_body(path: Path) -> str:
    """Return the Markdown of a content file without its front matter."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("---"):
        text = text.split("---", 2)[2]
    return text


def split_units(markdown: str) -> list[str]:
    """Split Markdown into paragraphs, list items, headings and directives."""
    units: list[str] = []
    current: list[str] = []
    for line in markdown.splitlines():
        stripped = line.strip()
        if not stripped or BLOCK_START_RE.match(stripped):
            if current:
                units.append(" ".join(current))
            current = [stripped] if stripped else []
        else:
            current.append(stripped)
    if current:
        units.append(" ".join(current))
    return units


def cited_keys(text: str) -> set[str]:
    """Return every citation key used in a piece of Markdown."""
    keys: set[str] = set()
    for group in CITATION_RE.findall(text):
        keys.update(part.strip().lstrip("@") for part in group.split(";"))
    return keys


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def reference_keys() -> set[str]:
    return {ref["key"] for ref in load_yaml(DATA / "references.yaml")}


def data_tables() -> dict[str, dict[str, Any]]:
    skip = {"references", "glossary"}
    return {p.stem: load_yaml(p) for p in sorted(DATA.glob("*.yaml")) if p.stem not in skip}


def content_files() -> list[Path]:
    return sorted(CONTENT.rglob("*.md"))


def article_word_count(path: Path) -> int:
    """Count prose words in an article, leaving out directives and citations."""
    text = read_body(path)
    text = re.sub(r"^::: .*$", "", text, flags=re.M)
    text = CITATION_RE.sub("", text)
    text = re.sub(r"\]\([^)]+\)", "]", text)
    text = INLINE_VALUE_RE.sub("N", text)
    return len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’.,%–-]*", text))


@pytest.mark.parametrize("claim", CLAIMS, ids=[c.name for c in CLAIMS])
def test_seed_claim_is_stated_and_cited(claim: Claim) -> None:
    units = split_units(read_body(CONTENT / claim.path))
    matching = [u for u in units if all(re.search(p, u, re.IGNORECASE) for p in claim.patterns)]
    assert matching, f"{claim.path}: no paragraph or list item matches all of {claim.patterns}"
    if claim.keys:
        assert any(set(claim.keys) <= cited_keys(u) for u in matching), (
            f"{claim.path}: the paragraph stating {claim.name!r} does not cite {claim.keys}"
        )


def test_claim_names_are_unique() -> None:
    names = [c.name for c in CLAIMS]
    assert len(names) == len(set(names))


def test_every_citation_key_exists() -> None:
    known = reference_keys()
    for path in content_files():
        unknown = cited_keys(read_body(path)) - known
        assert not unknown, f"{path.relative_to(ROOT)}: unknown citation keys {sorted(unknown)}"
    for name, table in data_tables().items():
        used = set(table.get("sources") or [])
        for row in table["rows"]:
            used.update(row.get("sources") or [])
        assert used <= known, f"data/{name}.yaml: unknown sources {sorted(used - known)}"


def test_every_reference_is_cited() -> None:
    used: set[str] = set()
    for path in content_files():
        used |= cited_keys(read_body(path))
    for table in data_tables().values():
        used.update(table.get("sources") or [])
        for row in table["rows"]:
            used.update(row.get("sources") or [])
    unused = reference_keys() - used
    assert not unused, f"references never cited: {sorted(unused)}"


def test_references_have_no_unverified_fields() -> None:
    references = load_yaml(DATA / "references.yaml")
    keys = [ref["key"] for ref in references]
    assert len(keys) == len(set(keys))
    for ref in references:
        for field, value in ref.items():
            assert "UNVERIFIED" not in str(value).upper(), f"{ref['key']}.{field} contains UNVERIFIED"
            assert value not in (None, ""), f"{ref['key']}.{field} is empty; leave the field out"
        assert "pmid" not in ref or isinstance(ref["pmid"], str)


def test_every_yaml_file_loads() -> None:
    for path in sorted(DATA.glob("*.yaml")):
        assert load_yaml(path) is not None, path.name


def test_inline_values_resolve() -> None:
    tables = data_tables()
    for path in content_files():
        for name, row_id, column in INLINE_VALUE_RE.findall(read_body(path)):
            assert name in tables, f"{path.name}: no data file {name}.yaml"
            rows = {row.get("id"): row for row in tables[name]["rows"]}
            assert row_id in rows, f"{path.name}: {name}.yaml has no row {row_id!r}"
            assert rows[row_id].get(column) is not None, f"{path.name}: {name}.{row_id}.{column} is empty"


# The deficiency page also carries what every health information source gives, under its own headings: who
# is at risk and the signs of a shortage. Supplement safety has a page of its own, so every other article
# stays under 900 words; that page also lists the signs of too much and when to get urgent help.
LONGER_ARTICLES = {"magnesium-deficiency-and-bone.md": 1100, "supplement-safety.md": 1000}


def test_articles_are_400_to_900_words() -> None:
    for path in sorted((CONTENT / "articles").glob("*.md")):
        count = article_word_count(path)
        assert 400 <= count <= LONGER_ARTICLES.get(path.name, 900), f"{path.name}: {count} words"


def test_articles_open_with_key_points() -> None:
    for path in sorted((CONTENT / "articles").glob("*.md")):
        first = read_body(path).lstrip().splitlines()[0]
        assert first == '!!! keypoints "Key points"', path.name


def test_no_seed_sentence_is_copied() -> None:
    if not SEED.exists():
        pytest.skip(
            f"the seed text {SEED} is missing (it lives in shared/seed/ beside the checkout); "
            "put magnesium-bone-health.txt there to check that no sentence of it is copied"
        )

    def words(text: str) -> str:
        return " ".join(re.findall(r"[a-z0-9]+", text.lower()))

    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n", SEED.read_text(encoding="utf-8")) if len(s.split()) > 5]
    content = " ".join(words(read_body(p)) for p in content_files())
    copied = [s for s in sentences if words(s) in content]
    assert not copied, f"sentences copied from the seed: {copied}"


# How each language says the gap the ciprofloxacin label asks for, the shorter one, and whom to ask.
GAP_WORDS = {
    "en": ("2 to 3 hours", "tetracycline", "6 hours after", "pharmacist"),
    "es": ("de 2 a 3 horas", "tetraciclina", "6 horas después", "farmacéutico"),
}


def test_no_page_gives_quinolones_the_shorter_tetracycline_gap() -> None:
    # The ciprofloxacin label asks for 2 hours before or 6 hours after magnesium; 2 to 3 hours is too short.
    for path in content_files():
        short, tetracycline, label_gap, whom = GAP_WORDS["es" if "es" in path.relative_to(CONTENT).parts[:1] else "en"]
        for unit in split_units(read_body(path)):
            if re.search(r"quinolon|ciprofloxacin", unit, re.IGNORECASE):
                gaps = re.findall(re.escape(short) + r"[^.]*", unit)
                assert all(tetracycline in unit[: unit.index(gap)].lower() for gap in gaps), (path.name, unit)
                assert label_gap in unit and whom in unit, (path.name, unit)


# The eight everyday foods of the ODS table that the first copy lacked: read in a copy of an earlier version.
ODS_ROWS_FROM_EARLIER_COPY = {
    "whole-wheat-bread": 46,
    "avocado": 44,
    "chicken-breast": 22,
    "beef": 20,
    "broccoli": 12,
    "white-rice": 10,
    "apple": 9,
    "carrot": 7,
}


def test_the_food_table_has_the_eight_everyday_rows_and_says_where_each_part_was_read() -> None:
    foods = load_yaml(DATA / "foods.yaml")
    rows = {row["id"]: row for row in foods["rows"]}
    assert {key: rows[key]["mg"] for key in ODS_ROWS_FROM_EARLIER_COPY} == ODS_ROWS_FROM_EARLIER_COPY
    numeric = [row for row in foods["rows"] if isinstance(row["mg"], int)]
    assert [row["id"] for row in numeric if row["percent_dv"] != int(row["mg"] / 420 * 100 + 0.5)] == []
    notes = " ".join(foods["notes"].split())
    assert "were read from a copy of an earlier version of the ODS table" in notes
    ods = {ref["key"]: ref for ref in load_yaml(DATA / "references.yaml")}["ods_mg_hp"]
    assert "reproduced on magnitop.in" in ods["note"]
    assert "healingheartdiseasenaturally.com" in ods["note"]


def test_supplement_safety_lists_the_signs_of_too_much_and_when_to_get_urgent_help() -> None:
    body = read_body(CONTENT / "articles" / "supplement-safety.md")
    box = re.search(r'^!!! warning "When to get urgent help"\n((?:    .*\n)+)', body, re.MULTILINE)
    assert box, "supplement-safety.md: no 'When to get urgent help' box"
    text = " ".join(box.group(1).split())
    assert "call a doctor or pharmacist the same day" in text
    assert "Call an emergency number at once" in text and "trouble breathing" in text
    signs = [u for u in split_units(body) if "first signs include" in u]
    assert signs and {"yu_uptodate_hypermg", "iom1997_dri_mg", "smpc_phillips_mom"} <= cited_keys(signs[0])
    assert "irregular heartbeat" in signs[0] and "confusion" in signs[0]


def test_no_page_says_magnesium_stops_a_medicine_being_absorbed() -> None:
    # The product information and the bisphosphonate review say magnesium reduces or interferes with absorption.
    for path in content_files():
        for unit in split_units(read_body(path)):
            assert not re.search(r"\bstops?\b[^.]*\babsorb", unit, re.IGNORECASE), (path.name, unit)


def test_the_79_percent_figure_is_always_said_to_be_an_rda_comparison_and_not_a_shortage() -> None:
    found = 0
    for path in content_files():
        for unit in split_units(read_body(path)):
            if "79 percent" in unit:
                found += 1
                assert "RDA" in unit and "does not mean" in unit, (path.name, unit)
    assert found == 2
