"""Word lists and patterns of trade-policy news: triggers, status verbs, hedges, products, venues.

Every pattern is anchored on words (``\\b``) and uses no nested quantifiers, so matching stays linear in the
sentence length. The patterns are written in lower case and run on lowered text (`_text.lowered`, which keeps
every offset): compiled with IGNORECASE instead, they ran three to five times slower.
"""

from __future__ import annotations

import re


def words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


# After a rate: a tax paid at home (VAT, sales or income tax, a levy on one's own revenue), not a duty on goods.
DOMESTIC_TAX_AFTER = (
    r"(?!\s*(?:%|per\s?cent|percent)?\s+(?:in\s+)?(?:(?!export\b|import\b|border\b)[\w-]+\s+){0,2}?"
    r"(?:tax(?:es)?|vat|gst)\b|\s*(?:%|per\s?cent|percent)?\s+on\s+(?:their|its|his|her|your|our)\s+(?:[\w-]+\s+)?"
    # (but "pay 25% on their shipments to the United States" is a duty)
    r"(?:revenues?|income|profits?|earnings|turnover|salar(?:y|ies)|wages|dividends|capital gains|winnings)\b)"
)

# "tariff truce", "tariff war", "tariff costs": the word names something else.
_NOT_A_DUTY = (
    r"(?![\s-]+(?:truce|war|wars|talks|negotiations|deal|dispute|fight|battle|row|tensions|threats?|concerns"
    r"|uncertainty|policy|policies|revenue|revenues|income|costs?|burden|impact|exposure|bill|headwinds|turmoil"
    r"|shock|fears|risks?|chaos|relief|rebate|refunds?|regime|engineering|expert|schedule|negotiators?|chief"
    r"|envoy|officials?|adviser|advisor|hawks?|czar|tsar|team|agenda|pledges?|threats?|hikes? fears)\b)"
)
_NOT_A_CASE = (
    r"(?!\s+(?:and\s+(?:anti-subsidy|countervailing)\s+)?"
    r"(?:investigations?|probes?|inquir(?:y|ies)|cases?|complaints?|petitions?))"
)
TARIFF = words(
    r"tariffs?" + _NOT_A_DUTY,
    r"duties",
    # not "heavy-duty trucks", "light-duty vehicles": a class of goods
    # (but "imposed a heavy duty on gold" is one: "heavy duty" names a duty only before what it falls on)
    r"(?<!heavy-)(?<!light-)(?<!medium-)duty(?![\s-]free)(?<!heavy duty(?! (?:on|of|against)\b))"
    r"(?<!light duty)(?<!medium duty)",
    # "countries that levy taxes on digital revenue": the verb of another tax
    r"levy(?!\s+(?:\w+\s+)?tax)",
    r"levies",
    r"surtax(?:es)?",
    # "lowered its export tax on soybeans": a duty on goods leaving, set by the same kind of decree
    r"(?:export|import) tax(?:es)?",
    # "suspended its countermeasures on 93 billion euros of US goods": retaliatory duties by another name;
    # not "non-tariff countermeasures" (countermeasures promised, "would take countermeasures against", are read
    # as threats before any duty)
    r"(?<!non-tariff )counter-?measures(?= (?:on|against) )",
    r"(?<=package of )counter-?measures",
    r"surcharges?",
    # "imposed safeguard measures on imports of ferro-alloys": a safeguard on imports is a duty (or a quota)
    r"safeguard measures?(?= (?:on|against) )",
    # "an anti-dumping investigation into steel pipes" opens a case; it sets no duty yet
    r"anti-?dumping" + _NOT_A_CASE,
    r"countervailing" + _NOT_A_CASE,
    r"(?:higher|reciprocal|baseline|duty|tariff|import|punitive|new|retaliatory) rates?",
    # (not "container spot rates on the trans-Pacific route", "interest rates on loans": prices of other things)
    r"r(?<!spot r)(?<!freight r)(?<!shipping r)(?<!container r)(?<!interest r)(?<!exchange r)(?<!mortgage r)"
    r"(?<!lending r)ates?(?= (?:on|of \d|for imports))",
    r"(?<=%\s)rates?",
    # "Canadian steel and aluminum pay 25% under Section 232": goods that pay a rate (not "pay 25% of costs")
    # (not "smokers pay 80% tax on cigarettes", "pay 19% VAT", "carriers pay 3% on their revenue": taxes at home)
    r"pays?(?=\s+(?:a\s+)?\d[\d.]*\s*(?:%|per\s?cent\b|percent\b)(?!\s*(?:of|more|less|extra|higher|lower|above"
    r"|below)\b)" + DOMESTIC_TAX_AFTER + ")"
    # (the duty named after the rate is the trigger: "pay a 25% U.S. tariff")
    r"(?!\s+(?:a\s+)?\d[\d.]*\s*(?:%|per\s?cent|percent)\s+(?:[\w.'’-]+\s+){0,2}?(?:tariffs?|dut(?:y|ies)|levy|levies"
    r"|rates?|surcharges?)\b)",
    # "buses will be charged 10% from the same date": goods charged a rate
    # (not "will be charged 10% more for shipping": a price)
    r"(?<=be )charged(?=\s+(?:up to\s+|as much as\s+)?\d[\d.]*\s*(?:%|per\s?cent\b|percent\b)"
    r"(?!\s*(?:more|less|extra|higher|lower|above|below)\b)" + DOMESTIC_TAX_AFTER + ")",
    # "transshipments will be taxed at 40%": goods taxed at a rate at the border
    r"tax(?:ed|es)?(?=\s+at\s+\d[\d.]*\s*(?:%|per\s?cent\b|percent\b))",
    # "a further 25% penalty on Indian goods": a duty named for what it punishes
    r"(?<=%\s)penalt(?:y|ies)",
    r"(?<=percent\s)penalt(?:y|ies)",
    r"(?<=per cent\s)penalt(?:y|ies)",
    # "a 30% \"security fee\" on imports from Colombia": a fee at a rate on imports is a duty
    r"(?:(?<=%\s)|(?<=%\s[\"“])[\w-]+\s)fees?(?=[\"”]?\s+on\s+(?:all\s+)?(?:imports\b|(?:goods|products|shipments)\s+(?:from|imported|made\s+in)\b))",
    # "started charging 25 per cent on steel": the verb names the duty when a rate on goods follows it
    r"(?:charg(?:e|es|ed|ing)|collect(?:s|ed|ing)?)(?=\s+(?:an?\s+)?(?:extra\s+|additional\s+)?\d[\d.]*\s*"
    r"(?:%|per\s?cent\b|percent\b)\s+on\s)",
)
EXPORT_CONTROL = re.compile(
    r"\bexport[\s-](?:controls?|curbs?|restrictions?|bans?|licen[cs](?:e|es|ing)|rules?|limits?|permits?"
    r"|quotas?|licen[cs]e requirements?)\b"
    # "rules to cut China off from advanced computing chips": supplies of the goods stopped to a destination
    r"|\bcut(?:s|ting)?\s+(?:[\w.'’-]+\s+){1,3}?off\s+from\s+(?:[\w-]+\s+){0,3}?(?:chips|semiconductors|technology"
    r"|equipment|tools|components|machines|software)\b"
    r"|\b(?:entity|unverified|end[\s-]user) list\b|\bblacklist(?:ed|s)?\b|\bunreliable entity list\b"
    # "removed South Korea from its white list of trusted trading partners": fast-track export approvals
    # (not "removed three Australian beef plants from its white list": suppliers struck off an import list)
    r"|\b(?:from|off) (?:its|their|the) (?:export )?white[\s-]?list\b"
    r"|\b(?:from|off) (?:its|their|the) list of (?:trusted|preferred|favou?red) (?:trading partners|trade partners"
    r"|export destinations|destinations|buyers|countries)\b"
    # "removed the minimum export price of $550 a tonne on onions": a floor on what exporters may charge
    # (set or removed by a government: not "agreeing minimum prices for exports of Chinese electric vehicles",
    # "rejected Beijing's offer of a minimum export price": a price undertaking discussed)
    r"|\b(?:set|sets|setting|impos\w+|introduc\w+|remov\w+|scrap\w*|lift\w*|drop\w*|rais\w+|lower\w*|cut|cuts"
    r"|abolish\w*|end(?:s|ed)?|fix\w*|reduc\w+) (?:a |an |the |its |their )?(?:new )?minimum (?:export prices?\b"
    r"|prices?\b(?=[^.;]{0,50}?\bfor exports\b))"
    r"|\blicen[cs]e requirements?\b|\brequir(?:e|es|ed|ing)\b[^.]{0,120}?\blicen[cs]es?\b"
    r"|\blicen[cs]ing (?:regimes?|systems?|requirements?|rules?|controls?)\b|\blicen[cs]e regimes?\b"
    # "licence rules for 24 types of chipmaking equipment" (not "driving licence rules")
    # (the lookbehinds after the first letter, so that they are tried only where a word starts with it)
    r"|\bl(?<!driving l)(?<!fishing l)(?<!hunting l)(?<!pilot l)(?<!broadcast l)(?<!broadcasting l)(?<!medical l)"
    r"(?<!liquor l)(?<!gun l)(?<!firearms l)(?<!taxi l)(?<!residence l)(?<!work l)(?<!business l)icen[cs]e rules?\b"
    r"|\b(?:end[\s-]use|end[\s-]user|export)\s+(?:reviews?|checks?|scrutiny|vetting)\b"
    # "would be subject to stricter licence reviews", "stricter reviews of end users"
    r"|\b(?<!import )licen[cs](?:e|ing)\s+(?:reviews?|checks?|scrutiny)\b"
    r"|\b(?:stricter|tighter|tougher)\s+reviews\s+of\s+end\b"
    r"|\bresum(?:e|es|ed|ing)\s+(?:approving\s+|issuing\s+|granting\s+)?(?:licen[cs]es for\s+)?"
    r"(?:exports?|sales?|shipments?)\b"
    r"|\b(?:obtain|seek|apply for|need|requir(?:e|es|ed|ing))\s+"
    r"(?:(?:a|an|export|trade|special|government|prior|separate|new|individual)\s+)*(?:licen[cs]es?|permits?"
    r"|authori[sz]ations?)\b"
    # "threatened to halt rice shipments to Indonesia": goods stopped on their way to a destination
    # (not "failing to stop shipments of the chemicals used to make fentanyl")
    r"|\b(?<!failing to )(?<!failed to )(?<!fails to )(?<!fail to )(?:halt|suspend|stop|cut off)\s+(?:all\s+)?"
    r"(?:[\w-]+\s+){0,3}?shipments\s+(?:of\s+[^.;]{1,40}?\s+)?to\s+(?!make|produce|build|be|help)\b"
    # ("a ban, effective immediately, on exports of gallium": when it applies, between the measure and its goods)
    r"|\b(?:ban|curbs?|restrictions?|limits?|halt|prohibition|embargo)"
    r"(?:,\s+(?:effective|with\s+immediate\s+effect|starting|beginning|as\s+of|from)\b[^,.;]{0,30},)?"
    r"\s+on\s+(?:[\w-]+\s+){0,4}?"
    r"(?:exports?|sales?|shipments?)\b"
    # "Russia's cap on grain exports" (not "a 15% cap on tariffs on EU exports", "its cap on Russian oil exports
    # to $47.60 a barrel", "a tariff cap on car exports": a limit on duties or prices)
    r"|\b(?<!price )(?<!tariff )(?<!% )caps?\s+on\s+(?!(?:tariffs?|duties|levies|prices?)\b)(?:[\w-]+\s+){0,4}?"
    r"(?:exports?|sales?|shipments?)\b(?!\s+(?:to|at)\s+\$)"
    # "set a quota of 1 million tonnes for sugar exports"
    r"|\bquotas?\s+(?:of\s+[^.;]{1,40}?\s+)?(?:on|for)\s+(?:[\w-]+\s+){0,3}?exports?\b"
    r"|\bwithout (?:a |an )?(?:export )?licen[cs]es?\b|\blicen[cs]es? (?:to|for|before) (?:ship|sell|export)"
    r"|\b(?:ban(?:ned|s|ning)?|halt(?:ed|s|ing)?|suspend(?:ed|s|ing)?|restrict(?:ed|s|ing)?|curb(?:ed|s|ing)?"
    r"|block(?:ed|s|ing)?|prohibit(?:ed|s|ing)?|limit(?:ed|s|ing)?"
    # not "accusing Beijing of failing to stop shipments of fentanyl chemicals": what others should stop
    r"|(?<!failing to )(?<!failed to )(?<!fail to )(?<!fails to )stop(?:ped|s|ping)?|bar(?:red|s|ring)?"
    # "will cap exports of nitrogen fertilisers with quotas", "a rule capping exports of AI chips"
    r"|(?<!price )cap(?:s|ped|ping)?)"
    r"\s+(?:the\s+|all\s+|its\s+|their\s+|further\s+)?(?:exports?|sales?|shipments?|supplies|deliveries"
    # "will stop exporting gallium to the United States"
    r"|exporting|selling|shipping|supplying)\b"
    # "China bans gallium, germanium exports to US", "banned rice exports": the goods before the exports
    r"|\b(?:ban(?:ned|s|ning)?|halt(?:ed|s|ing)?|suspend(?:ed|s|ing)?|restrict(?:ed|s|ing)?|curb(?:ed|s|ing)?"
    r"|block(?:ed|s|ing)?|prohibit(?:ed|s|ing)?|(?<!price )cap(?:s|ped|ping)?(?!\s+on\b))"
    r"\s+(?:[a-z][\w-]*(?:,\s+|\s+and\s+|\s+)){1,4}?"
    r"exports?\b"
    # "could cut off power exports": a halt of named goods
    r"|\bcut(?:s|ting)? off\s+(?:(?:the|its|their|all)\s+)?(?:[\w-]+\s+){0,2}?(?:exports?|sales?|shipments?"
    r"|supplies|deliveries)\b"
    r"|\b(?:exports?|sales?|shipments?) (?:of (?:[^.]|(?<=\b[a-z])\.){1,40}? )?"
    r"(?:were|was|are|is|has been|have been|will be|would be|could be|may be|might be|would also be|will also be"
    r"|were also|was also|are to be|is to be) "
    r"(?:banned|halted|restricted|blocked|suspended|curbed|barred|prohibited)\b"
    r"|\brestrictions on [^.]{0,40}?\bexports?\b|\bcontrols on (?:exports?|sales?|shipments?)\b"
    # "would let the chipmaker ship its processors to China": a permission to export
    r"|\b(?:let|lets|letting|allow(?:s|ed|ing)?|permit(?:s|ted|ting)?)\s+(?:[\w.&'’-]+\s+){1,3}?(?:to\s+)?"
    r"(?:ship|sell|export|resume (?:sales|shipments|exports))\b"
    r"|\bembargo\b|\bwithh[oe]ld(?:s|ing)?\b"
    # "held back shipments", "holding back Boeing parts"; not "hold back emergency tariffs", a duty put off, nor
    # "to hold back China's industry", "China's ability to make chips": a purpose, not goods held
    r"|\b(?:hold(?:s|ing)?|held) back\b(?!\s+by\b)(?!\s+(?:[\w-]+\s+){0,2}?(?:tariffs?|duties|levies)\b)"
    r"(?!\s+(?:[\w.'’-]+\s+){0,3}?(?:industry|industries|ability|development|growth|progress|rise|economy|advance)\b)",
)
# "after a one-month reprieve expired", "a 30-day pause agreed with both neighbours": a truce not called one
REPRIEVE = (
    r"reprieves?(?=\s+(?:for\s+(?:[\w-]+\s+){1,3})?(?:expired|ended|lapsed|ran out|was extended|agreed|granted|won))"
    r"|(?:pause|moratorium) (?:agreed|struck|reached|negotiated) with"
    # "Mexico won a 90-day reprieve from higher U.S. tariffs": a reprieve one side won from the other
    r"|(?:(?<=won a )|(?<=won an )|(?<=secured a )|(?<=wins a ))(?:[\w-]+\s)?reprieve(?=\s+from\b)"
)
TRUCE = words(
    r"truces?",
    r"ceasefires?",
    r"cease-fires?",
    r"d[ée]tente",
    # "the two sides put their trade war on hold", "paused the tariff war": a truce not called one
    r"(?:trade|tariff) war on hold",
    r"(?:paus|halt|suspend)(?:e|es|ed|ing) (?:the|their|its) (?:trade|tariff) war",
    # "Washington and Beijing agreed to pause their tariff hikes for 90 days": both sides' rises held off
    r"agreed to (?:pause|suspend|freeze|halt) their (?:tariff|trade) (?:hikes|increases|escalation)",
    # "agreed to pause their steel dispute until the end of March"
    r"(?:paus|halt|suspend|freez)(?:e|es|ed|ing) (?:the|their|its) (?:[\w-]+ )?(?:trade |tariff )?(?:dispute|fight"
    r"|conflict)",
    REPRIEVE,
)
NEGOTIATION = re.compile(
    r"\b(?:talks|negotiations?"
    # "prefer a negotiated solution", "a negotiating tool": the word describes a thing, no talks take place
    r"|negotiat(?:ed|ing|e)(?![\s-]+(?:solutions?|settlements?|outcomes?|resolutions?|instruments?|tools?"
    r"|tactics?|ploys?|chips?|positions?|stances?|strateg(?:y|ies)|leverage|power|capital|style|mandates?"
    r"|skills?|weapons?)\b)"
    r"|round of|consultations|dialogue|discussions"
    r"|trade (?:deal|agreement|pact|framework)s?|framework (?:deal|agreement)s?|free[\s-]trade (?:deal|agreement)s?"
    # "signed a comprehensive economic partnership agreement": up to three words describe the deal
    r"|(?:reached|struck|signed|sealed|clinched|concluded|finali[sz]ed|initiall?ed) (?:a |an |the |their )?"
    r"(?:[\w-]+ ){0,3}?(?:deal|agreement|pact)s?"
    # "agreed a deal on Thursday" (not "agreed to scrap the deal", "agreed the deal should be reviewed")
    r"|agreed (?:a|an|their) (?:(?!to\b|that\b)[\w-]+ ){0,3}?(?:deal|agreement|pact)(?! should\b| would\b)"
    # headlines in the present: "US, Vietnam strike deal", "EU and Japan sign pact"
    r"|(?:reach|strike|sign|seal|clinch) (?:a |an |the )?(?:[\w-]+ )?(?:deal|agreement|pact)s?"
    r"|(?:deal|agreement|pact) (?:reached|struck|sealed|clinched) (?:by|in|at|on|last|this|earlier|with)"
    # "under a deal Prime Minister Mark Carney struck with President Xi Jinping": who made it, then with whom
    # (not "hoped a deal could be struck with", "an agreement to be signed with": a deal hoped for)
    r"|(?:deal|agreement|pact|accord) (?:(?!(?:could|can|would|might|may|to|be|been|yet|no|not|still|hope\w*)\b)"
    r"[\w.'’-]+ ){1,5}?(?:struck|reached|sealed|clinched|signed) with"
    # "The pact, signed at a summit in Lima, ...": the participle after the deal
    r"|(?:deal|agreement|pact|accord), (?:reached|struck|sealed|clinched|signed)"
    # "a pact that Lima and Santiago signed in May": the talks that produced it
    r"|(?:deal|agreement|pact|accord) (?:that|which) [^.,;]{1,40}?\b(?:finali[sz]ed|reached|struck|signed|sealed"
    r"|clinched)"
    # "under an agreement President Donald Trump announced on Wednesday": a deal made public
    r"|(?:deal|agreement|pact|accord) (?:[\w.'’-]+ ){0,4}?(?:announced|unveiled)"
    # (not "would be met with countermeasures", "meet the deadline": a reply received, a condition satisfied)
    r"|(?:met(?<!\bbe met)(?<!\bis met)(?<!\bwas met)(?<!\bare met)(?<!\bwere met)(?<!\bbeen met)(?<!\bbeing met)"
    r"|meet(?:s|ing)?)(?! (?:the |its |their |his |her |a |all |those |these )?(?:[\w-]+ )?(?:deadlines?|demands?"
    r"|targets?|conditions?|requirements?|standards?|criteria|expectations|goals?|obligations|terms|needs)\b)"
    # "after a call with President Claudia Sheinbaum", "in a video call": leaders and ministers talking
    r"|(?:phone|telephone|video) call|call(?<=\ba call)(?= (?:with|between) )"
    # "had a very good call with Carney": a call praised
    r"|\ba (?:(?:very|really|good|great|productive|constructive|positive|friendly|frank|tough|cordial|excellent"
    r"|wonderful) ){1,3}call(?= (?:with|between) )"
    # "after what he called a \"very nice call\" with von der Leyen": a call with its praise in quotes
    r"|\ba [\"“](?:[\w-]+ ){0,3}call(?=[\"”] (?:with|between) )"
    # "Trump and Xi agreed over dinner in Buenos Aires": leaders who dine together hold talks (not "speaking at a
    # lunch in Washington", "said over lunch")
    r"|(?<!said )(?<!says )(?<!told reporters )over (?:a |their )?(?:working )?(?:dinner|lunch)"
    r"(?= (?:in|at|on|with|to)\b)"
    # "negotiators held a working dinner in Buenos Aires"
    r"|(?:held|had|hosted|holds|hosts) a working (?:dinner|lunch|breakfast)"
    # "pressed Chinese Commerce Minister Wang Wentao in Paris on Tuesday": a minister pressed in person
    r"|(?:pressed|urged)(?= [a-z.' -]{0,40}?\b(?:president|prime minister|premier|minister|secretary|commissioner)"
    r" [a-z'-]+(?: [a-z'-]+)? (?:in|at) (?!a |an |the |his |her |its |their )[a-z-]+(?: [a-z-]+)? on [a-z]+day\b)"
    # "Carney spoke with President Donald Trump by phone": a call by its verb
    r"|spok(?:e|en)(?: by (?:tele)?phone| on the (?:tele)?phone)?(?= (?:with|to) )"
    # "Trump and Xi spoke by phone on Thursday"
    r"|spok(?:e|en) (?:by|on the) (?:tele)?phone)\b",
)
THREAT = words(
    r"threat(?:en(?:ed|s|ing)?)?",
    r"warn(?:ed|s|ing)?",
    r"vow(?:ed|s)?",
    r"ultimatum",
    # "thinking about punishing Spain with tariffs": a punishment weighed is a threat
    # (sanctions "over rule-of-law concerns" are no trade measure: only duties, or sanctions on trade)
    r"punish(?:ing)?(?=\s+(?:[\w.'’-]+\s+){1,3}?with\s+(?:[\w-]+\s+)?(?:tariffs?|duties|levies"
    r"|(?:trade|economic|export|import)\s+sanctions)\b)",
)
# The dot of an initial or of a month's short name ("U.S.", "from Feb. 1"), which ends no sentence.
_ABBREVIATION_DOT = (
    r"(?:(?<=\b[a-z])|(?<=\bjan)|(?<=\bfeb)|(?<=\bmar)|(?<=\bapr)|(?<=\bjun)|(?<=\bjul)|(?<=\baug)|(?<=\bsep)"
    r"|(?<=\bsept)|(?<=\boct)|(?<=\bnov)|(?<=\bdec))\."
)
CONDITION = re.compile(
    # "stop buying Russian oil or face a 25% penalty", "in the event that talks fail"
    r"\b(?:unless|or else|otherwise|or face|in the event (?:that|of))\b"
    r"|\bif\b(?:[^.;]|(?<=\b[a-z])\.){0,120}?"
    r"\b(?:does not|do not|doesn't|don't|did not|didn't|fails?|failed to|refuses? to"
    # "if the phones were not built in the United States"
    r"|(?:is|are|was|were) not|isn't|aren't|wasn't|weren't"
    r"|collapses?|breaks? down|stalls?|went ahead|go ahead|going ahead"
    r"|won't|will not|cannot|can't|continues? to|keeps?|no|insists? on|goes ahead|proceeds?|follows? through)\b"
    r"|\b(?:respond|retaliat(?:e|ion)|hit back|fight|take\s+(?:[\w-]+\s+){0,2}?(?:counter)?measures|countermeasures)\b"
    # (the dots of "U.S." end no sentence)
    r"(?:[^.;]|(?<=\b[a-z])\.){0,80}?\b(?:if|should)\b"
    # "would tariff Norway heavily if it kept its quotas": a measure promised on a condition
    r"|\b(?:would|will|could)\s+(?:(?:still|also|then|now|soon|likely)\s+)?"
    r"(?:impose|slap|tariff|levy|punish|sanction|pay|face|be charged"
    # "would put a 100% tariff on all Canadian goods if ...", "would raise the duty to 50% if ...": a duty named
    # right after the verb (not "would raise prices if it lasts")
    r"|(?:put|charge|raise|double)(?=\s+(?:an?\s+|the\s+|its\s+|their\s+)?(?:\d[\d.]*\s*%\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:tariffs?|dut(?:y|ies)|levy|levies|surcharges?|rates?)\b)"
    # "would hit Canada with a 35% tariff if ...": whom a duty hits (not "would hit American producers if")
    r"|hit(?! back)(?=\s+(?:[\w.'’-]+\s+){1,3}?with\b)"
    # "could halt palm oil exports to the EU if Brussels enforces its rule": a control promised on a condition
    # (not "would halt its export ban if", "would suspend its retaliatory tariffs if": its own measure lifted)
    r"|(?:halt|ban|stop|cut off|curb|restrict)(?!\s+(?:its|their|the|this|these)\s+(?:own\s+)?(?:[\w%.-]+\s+){0,4}?"
    r"(?:bans?|curbs?|tariffs?|duties|restrictions|controls|levies|countermeasures)\b)"
    # "would suspend imports of U.S. soybeans if ..." (not "would suspend the 50% tariff if": relief offered)
    r"|suspend(?=\s+(?:all\s+)?(?:imports|purchases|shipments|exports|sales)\b))\b"
    r"(?:[^.;]|(?<=\b[a-z])\.){0,80}?"
    # "should Washington go ahead with its plan": a condition stated by inversion
    r"\b(?:if|should\s+(?:the\s+)?[\w.-]+(?:\s+[\w.-]+)?\s+(?:go|proceed|fail|refuse|raise|hike|impose|continue"
    r"|insist|decide|move|press|push|carry|choose|reject|walk|keep|extend|target|act)\b)"
    r"|\bshould\b[^.;]{0,60}?\b(?:fail|collapse|break down|fall through|stall)\b"
    # "until Beijing stops ...": a condition; "until the end of 2025" is a time
    # ("until at least the end of the year" is a time too)
    r"|\buntil\b(?!\s+(?:at\s+least\s+)?(?:the\s+)?(?:end|start|beginning|middle)\b)[^.;]{0,80}?\b(?:stops?"
    r"|ends?(?!\s+of\b)|halts?|agrees?"
    r"|compl(?:y|ies)|curbs?|drops?|lifts?|opens?|cracks? down|stems?|takes? action|reduces?)\b"
    # "would charge a 10% tariff on goods from Denmark until a deal is reached": a measure promised until a deal
    # (not "will stay in place until a deal is reached": a duty kept meanwhile)
    r"|\b(?:would|will)\s+(?:(?:also|then|now|soon)\s+)?(?:impose|charge|slap|levy|put|add)\b(?:[^.;]|"
    + _ABBREVIATION_DOT
    + r"){0,120}?\buntil\s+(?:a|an|the)\s+(?:[\w-]+\s+)?(?:deal|agreement|settlement|solution)\s+(?:is|has been)\s+"
    r"(?:reached|struck|agreed|signed|found)\b",
)
ORDINARY_THREAT = re.compile(
    r"\bthreaten(?:ed|s|ing)? by\b|\bthreat(?:en(?:ed|s|ing)?)? (?:to )?(?:jobs|growth|the economy|livelihoods"
    r"|profits?|margins|supply chains?|industry|farmers|workers|demand|the recovery|exports|investment)\b"
    r"|\bthreat (?:to|of) (?:jobs|growth|the economy|inflation|recession)\b"
    # "warned that tariffs could raise prices" forecasts; "warned that it could raise its tariff" threatens
    r"|\bwarn(?:ed|s|ing)? (?:that\b(?! (?:it|they|he|she|we) (?:could|would|might|may|will)\b)|of\b)"
    r"[^.]{0,80}?\b(?:could|would|might|may) (?:hurt|harm|damage|raise|push|weigh|slow|cost|lift|fuel|dent|worsen"
    r"|disrupt|deepen|increase|reduce|hit|squeeze)\b"
    # "whether imports threaten national security": the test of a Section 232 inquiry, nobody's threat
    r"|\bthreat(?:en(?:s|ed|ing)?)?\s+(?:[\w.]+\s+){0,2}?(?:national|economic)\s+security\b"
    # "U.S. sanctions threaten to halt Iranian oil sales", "a strike threatens to halt shipments": what a measure
    # or an event may do, nobody's threat
    r"|\b(?:sanctions|rules?|restrictions|curbs|controls|strikes?|disputes?|war|shortages?|droughts?|floods?"
    r"|protests?|blockades?|attacks?)\s+(?:[\w.'’-]+\s+){0,4}?threaten(?:s|ed|ing)?\b"
    # (but "threatened to halt rice shipments to Indonesia" is a government's threat to its exports)
    r"|\bposes? a threat\b|\bthreat(?:en(?:s|ed|ing)?)? to "
    r"(?:halt(?!\s+(?:[\w-]+\s+){0,3}?(?:exports|shipments)\b)|disrupt|shut|close|derail|upend|cripple|wipe"
    r"|stall|idle)\b|\b(?:was|were|are|is|be|been|being) threatened\b"
    # "describing the prosecution as a threat to U.S. interests": a danger named, nobody's threat
    r"|\b(?:as|posed|posing) an? (?:[\w-]+ )?threat to\b",
)
SANCTION = words(r"sanctions?", r"sanctioned", r"penalt(?:y|ies)")
NEGATION = re.compile(
    r"\b(?:not|never|no plans? to|no intention|ruled out|rules out|rule out|ruling out|denied|denies|deny"
    r"|won't|wouldn't|didn't|doesn't|don't|hasn't|haven't|isn't|aren't|refrained from|declined to|refused to"
    r"|refuses to|refusing to"
    r"|rejected (?:calls|a proposal|proposals) to|no longer plans?|dropped plans? to|backed away from|without)\b",
)
HEDGE = re.compile(
    # (not "weighing scales": goods)
    r"\b(?:could|might|may|consider(?:s|ed|ing)?|weigh(?:s|ed|ing)?(?!\s+(?:scales?|machines?|instruments?))|mull(?:s|ed|ing)?|propos(?:e|es|ed|ing|al)"
    r"|draft|plans? to|planning to|would consider|studying|explor(?:e|es|ed|ing)|option|possible|potential"
    r"|contemplat(?:e|es|ed|ing)|review(?:ing)? whether|sought public comment|public comment|seeking comment"
    r"|floated|float(?:s|ing)?"
    # "would probably put tariffs on EU goods": a measure to come, not sure (not "exports probably fell")
    r"|(?:would|will|could|may|might)\s+[\"“]?probably|probably\s+(?:would|will|going to|impose|put|slap|raise"
    r"|levy|hit)"
    # "raised the prospect of tariffs of up to 250%": a measure only put forward (not "raised the prospect of
    # retaliation")
    r"|(?:rais(?:e|es|ed|ing)|flag(?:s|ged|ging)?) the (?:prospect|possibility|spectre|specter|idea) of"
    r"(?=\s+(?:(?:a|an|new|higher|further|steep|steeper|more|imposing|slapping|putting|levying)\s+)*(?:[\d.]+%\s+)?"
    r"(?:tariffs?|dut(?:y|ies)|levies|curbs|export controls|$))"
    # headline words of a measure weighed: "Mexico eyes tariffs of up to 50% on Chinese cars" (not "eyeing the
    # 145% tariffs", "eyes tariff relief": watched, or wished for)
    r"|(?:eyes|eyeing|eyed|mooted|mooting)(?=\s+(?:(?:new|higher|fresh|more|further|retaliatory|additional|extra)\s+)?"
    r"(?:(?:tariffs|duties|levies|curbs|export bans?|export controls)(?!\s+(?:relief|exemptions?|cuts?|of its own))\b"
    r"|$))"
    # "recommended provisional duties", "would likely face": a step before a decision
    r"|recommend(?:s|ed|ing)?|likely"
    # "approved a bill that would ban exports": a law still to be made
    r"|(?:bill|legislation|draft law|draft rule)\s+(?:[\w-]+\s+){0,4}?(?:that|which)\s+would"
    # "Mexico's plan would also increase duties on steel": what a plan would do
    r"|(?:plan|proposal|bill|package)\s+would\b"
    # "a ruling clearing the way for duties": a step towards them
    r"|(?:clearing|cleared|clears|paving|paved|paves|opening|opens|opened) the (?:way|door) (?:for|to))\b",
)
DEMAND = re.compile(
    r"\b(?:urg(?:e|es|ed|ing)|press(?:es|ed|ing)?|push(?:es|ed|ing)?|call(?:s|ed|ing)? (?:on|for)|demand(?:s|ed|ing)?"
    r"|ask(?:s|ed|ing)?|lobb(?:y|ies|ied|ying)|seek(?:s|ing)?|sought|want(?:s|ed)?|insist(?:s|ed|ing)?|appeal(?:s|ed)?"
    r"|request(?:s|ed|ing)?)\b",
)
# "pressing Japan to further restrict exports of chip tools": a demand to tighten is a demand too
_TIGHTENING = (
    r"\bto (?:further |also )?(?:restrict|tighten|curb|ban|block|limit|halt|impose|expand|widen|align)\b"
)
TIGHTENING_ASKED = re.compile(_TIGHTENING)
DEMANDED_CHANGE = re.compile(
    r"\bto (?:cancel|remove|lift|scrap|drop|lower|cut|end|eliminate|waive|reduce|roll back|withdraw|ease"
    r"|relax|rescind|revoke|buy|purchase|import|resume|suspend|pause|postpone|delay)\b|"
    + _TIGHTENING
    + r"|\b(?:removal|cancellation|elimination|lifting|rollback|repeal|easing|relaxation|suspension)\b"
    # "seeks an exemption from US steel tariffs": relief from another side's duty
    r"|\b(?:exemptions?|relief|waivers?|carve-outs?)\s+from\b"
    # "demanded that Washington remove its duties"
    r"|\bthat\s+(?:[\w.'’-]+\s+){1,3}?(?:should\s+|must\s+)?(?:cancel|remove|lift|scrap|drop|lower|cut|end"
    r"|eliminate|waive|reduce|roll back|withdraw|ease|relax|rescind|revoke|suspend|pause|postpone|delay)\b"
    # "demanded that the tariffs on Canadian steel and aluminium be lifted"
    r"|\bthat\s+(?:[\w.'’-]+\s+){1,8}?(?:be|were)\s+(?:lifted|removed|scrapped|dropped|cut|lowered|eliminated"
    r"|waived|withdrawn|rescinded|revoked|suspended|eased)\b",
)
BACKGROUND = re.compile(
    r"\b(?:since|in|during) (?:19|20)\d\d\b|\blast year\b|\bpreviously\b|\bearlier this year\b|\bfirst imposed\b"
    r"|\bhad (?:imposed|introduced|raised|been)\b|\balready\b|\bexisting\b|\bin place since\b|\byears ago\b"
    # "a 50% levy since Monday", "hit by a U.S. tariff since August": a duty that stands since a past day
    r"|\bsince (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|last|early|mid|late"
    r"|the (?:start|beginning|end|middle))"
    r"|\bduring (?:his|the) first term\b"
    # "a 100% tariff ... that Beijing imposed in March": a relative clause tells when a standing duty began
    r"|\b(?:that|which)\s+(?:[\w.'-]+\s+){0,3}?(?:imposed|introduced|adopted|slapped|levied)\s+(?:in|on|last|since"
    r"|under)\b",
)
FUTURE = re.compile(
    r"\b(?:will|shall|would|is to|are to|set to|due to|scheduled|plans? to|expected to|next|upcoming|is going to"
    r"|are going to|heads? to|heading to|to travel|to visit|to meet|to hold|later this)\b",
)
AUTHORITY = re.compile(
    r"\bsection\s+(?P<section>232|301|201|122|338|307)\b|\b(?P<ieepa>ieepa|international emergency economic"
    r" powers act)\b|\b(?P<ad>anti-?dumping)\b|\b(?P<cvd>countervailing|anti-subsidy)\b",
)

# "scrapped its duties", not "copper scrap" or "scrap metal", the goods
_NOT_SCRAP_GOODS = r"(?!\s+(?:metal|steel|iron|copper|yards?|dealers?|exports?|imports?))"
_SCRAP = (
    r"(?<!copper )(?<!steel )(?<!iron )(?<!metal )(?<!brass )(?<!aluminium )(?<!aluminum )"
    rf"scrap(?:ped|ping|s{_NOT_SCRAP_GOODS}|{_NOT_SCRAP_GOODS})"
)
# "called off trade talks with Canada": what is called off is not the duty
_NOT_TALKS = r"(?!\s+(?:all\s+)?(?:the\s+)?(?:[\w-]+\s+)?(?:talks|negotiations|visit|trip|meeting|summit))"
TARIFF_STATUS: list[tuple[str, re.Pattern[str]]] = [
    (
        # "waived its import duty on cotton until September 30": the duty itself set aside for a time
        "suspended",
        words(
            r"waiv(?:e|es|ed|ing) (?:the |its |their |an? )?(?:[\w-]+ )?(?:import |export )?"
            r"(?:duty|duties|tariffs?|levy|levies)"
            r"(?= (?:on|for) [^.;]{1,60}?\b(?:until|till|through|for (?:\d+|a|one|two|three|six|another)))",
        ),
    ),
    (
        "lifted",
        words(
            # not "waive its tariffs on a set volume of steel", an exemption of a quota
            r"waiv(?:e|es|ed|ing) (?:the |its |their |an? )?(?:[\w-]+ )?(?:import |export )?"
            r"(?:duty|duties|tariffs?|levy|levies)"
            r"(?= on (?!(?:a |an |the )?(?:set |fixed |limited |certain )?(?:volume|quantity|amount|quota|portion)))",
            # "U.S. sorghum will no longer face the additional 10% tariff": the duty taken off the goods
            r"no longer (?:face|faces|pay|pays|be subject to|(?:be|are|is) charged|attract|attracts|incur|incurs)",
        ),
    ),
    (
        "exempted",
        words(
            r"exempt(?:s|ed|ing|ion|ions)?",
            r"exclusions?",
            r"excluded",
            r"excludes?",
            r"spared",
            r"carve[\s-]?outs?",
            r"carved out",
            r"waive(?:d|r|rs)?",
            r"relief from",
        ),
    ),
    (
        "suspended",
        words(
            # "delayed the planned hike": the change is put off, not made
            r"(?:postpon|delay|suspend|paus|defer)\w* (?:the |a |its |their )?(?:planned |scheduled )?"
            r"(?:increases?|hikes?|rises?|raises?)",
            # "will hold off on raising tariffs to 30%": the raise is put off, so the rates name no change made
            r"(?:hold(?:s|ing)?|held|put(?:s|ting)?) off (?:on )?(?:rais|increas|hik|doubl|tripl|impos)ing",
            r"(?:postpon|delay|defer)\w* (?:rais|increas|hik|doubl|tripl|impos)ing",
            # (not "will reimpose suspended tariffs", "its suspended duties": the duty as it stands)
            r"(?<!reimpose )(?<!reimposed )(?<!reimposing )(?<!reinstate )(?<!reinstated )(?<!restore )(?<!restored )"
            r"(?<!its )(?<!their )(?<!the )suspend(?:s|ed|ing)?",
            r"suspension",
            r"pause(?:s|d)?",
            r"pausing",
            r"delay(?:s|ed|ing)?",
            r"postpone(?:s|d)?",
            r"postponing",
            r"put on hold",
            # "put its countermeasures against U.S. steel tariffs on hold": the object between the verb and its words
            r"put(?:s|ting)?\s+(?:[\w.'’$-]+\s+){1,12}?on hold",
            # "keeps on hold a 25% tariff", "the duties remain on hold": the pause goes on
            r"(?:keep(?:s|ing)?|kept|remain(?:s|ed)?|stay(?:s|ed)?|left) on hold",
            r"hold(?:s|ing)? off",
            r"held off",
            # "prompting Washington to hold back emergency tariffs": kept from taking effect (not "tariffs have held
            # back investment")
            r"(?:hold(?:s|ing)?|held) back(?= (?:the |its |their |his |these |those )?(?:[\w-]+ ){0,2}?"
            r"(?:tariffs?|dut(?:y|ies)|levies|levy|surcharges?)\b)",
            # "has called off a 15 percent tariff that was due to start on Sunday"
            r"call(?:s|ed)? off" + _NOT_TALKS,
            r"calling off" + _NOT_TALKS,
            r"defer(?:s|red|ring)?",
            # "a planned levy has been shelved": put aside
            r"shelv(?:e|es|ed|ing)",
        ),
    ),
    (
        "extended",
        words(
            # "extended the suspension of its tariffs", "extended until March the exemption from the duties": the
            # pause or the exemption is what is pushed back, so the duty's status is extended
            # ("extended until Nov. 10, 2026 the exclusions from Section 301 tariffs": a year after the comma)
            r"extend(?:s|ed|ing)?(?: (?:until|by|for) (?:[^,;]|, (?=\d{4})){1,30}?)? (?:the |a |its |their )?"
            r"(?:suspensions?|pause|exemptions?"
            r"|exclusions?|waivers?|reprieve) (?:of|on|from|for|that|which)",
            r"extend(?:s|ed|ing)?",
            r"extension",
            r"prolong(?:s|ed|ing)?",
            r"renew(?:s|ed|ing)?",
            r"push(?:es|ed)? back",
            # "will keep its duties suspended until March 31": a pause pushed back
            r"(?:keep(?:s|ing)?|kept) (?:[\w'.-]+ ){0,8}?(?:suspended|paused|on hold|frozen) until",
            # "will stay suspended until Nov. 10", "will remain suspended for another year", "keep its own 24%
            # tariff on hold for the same period": a pause that goes on
            r"(?:stay|stays|stayed|remain|remains|remained) (?:suspended|paused|on hold|frozen) for (?:another"
            r"|a further|an(?:other)? additional|the same|one more)",
            r"(?:keep(?:s|ing)?|kept) (?:[\w'.%-]+ ){0,8}?(?:suspended|paused|on hold|frozen) for (?:another|a further"
            r"|the same|an additional|one more)",
        ),
    ),
    (
        "lifted",
        re.compile(
            r"\b(?:lift(?:s|ed|ing)?(?!\s+the\s+(?:total|overall|combined|cumulative))|remov(?:e|es|ed|ing|al)|"
            + _SCRAP
            + r"|eliminat(?:e|es|ed|ing|ion)"
            # not "ending months of haggling", "ended the standoff": what ends is not the duty
            # ...nor "fight to the end"
            # ("open-ended" says how long something may take)
            r"|(?<!\bthe )(?<!\ban )(?<!-)end(?:s|ed|ing)?(?!-\d|\s+(?:months|weeks|years|days|a\s+[\w-]+-long"
            # (nor "was ending negotiations over an advertisement")
            r"|(?:the\s+)?(?:stand-?off|impasse|deadlock|uncertainty|row|dispute|haggling|talks|negotiations)))"
            # (not "has dropped plans to double them": a change called off, the duty stands)
            r"|repeal(?:s|ed|ing)?|revok(?:e|es|ed|ing)|drop(?:s|ped|ping)?(?!\s+(?:its\s+|the\s+|their\s+)?plans?\b)"
            r"|withdr[ae]w(?:s|n)?"
            r"|roll(?:s|ed)? back|rescind(?:s|ed|ing)?|abolish(?:es|ed|ing)?|cancel(?:s|led|ed|ling|ing)?"
            # "lift the total tariff on Chinese goods to 104%" raises it
            # ("up to 15%" is a cap of the duty lifted, not where it is lifted to)
            # not "terminating all trade negotiations": what ends is the talks
            r"|terminat(?:e|es|ed|ing)(?!\s+(?:all\s+)?(?:the\s+)?(?:trade\s+)?(?:negotiations|talks|discussions))"
            # a court's ruling: "struck down the tariffs", "sweeps away the duties", "invalidating the levies"
            r"|struck down|strikes? down|striking down|sweeps? away|swept away|sweeping away"
            # (not "overturned a lower court ruling", "voted to overturn the tariffs")
            r"|(?<!\bto )(?:invalidat(?:e|es|ed|ing)|overturn(?:s|ed|ing)?)(?=\s+(?:the\s+|his\s+|its\s+|their\s+)?"
            r"(?:[\w-]+\s+){0,3}?(?:tariffs?|dut(?:y|ies)|levies|levy)\b)|expire[sd]?)\b"
            # "exports dropped about 14%": a figure that falls, no duty removed (but "removed 25% tariffs" is)
            r"(?!\s+(?:about|around|nearly|roughly|almost|some|more than|less than|by)?\s*\d[\d.,]*(?![\d.,])"
            r"(?!\s*(?:%|percent|per\s+cent)\s+(?:[\w-]+\s+){0,2}?(?:tariffs?|dut(?:y|ies)|levies|levy|surcharges?|taxes)\b))"
            r"(?!(?:[^.,;%]|(?<=\b[a-z])\.){0,50}?(?<!\bup )\b(?:to|by)\s+\d)"
        ),
    ),
    (
        "lowered",
        words(
            r"cut(?:s|ting)?",
            # not "face a lower 10% levy", where the word is an adjective of the duty
            r"(?<!\ba )(?<!\bthe )(?<!\bits )(?<!\btheir )(?<!extended )(?<!extends )(?<!extend )(?<!kept )"
            r"(?<!keep )(?<!keeps )lower(?:s|ed|ing)?",
            # (not "above newly reduced quotas": what shrinks is the volume let in at a lower rate)
            r"reduc(?:e|es|ed|ing|tion)(?!\s+(?:quotas?|volumes?|allocations?|tariff-free\s+quotas?))",
            r"slash(?:es|ed|ing)?",
            r"trim(?:s|med|ming)?",
            r"eas(?:e|es|ed|ing)",
            r"halv(?:e|es|ed|ing)",
            r"decreas(?:e|es|ed|ing)",
            r"down from",
            r"fall(?:s|en)? to",
            r"fell to",
            # "tariffs on pork will fall on the same day": a cut to come, its rate not given
            r"(?:will|would|to|set to) (?:fall|decline|come down)",
        ),
    ),
    (
        "raised",
        words(
            # (not "extend the pause on raising tariffs", "sparing makers a cost increase": a rise put off)
            # (not "would raise prices for consumers": what a duty does, not a change of it)
            r"(?<!pause on )(?<!pause in )(?<!delay in )(?<!cost )rais(?:e|es|ed|ing)"
            r"(?!\s+(?:(?:the|their|consumer|retail|import|food|living)\s+)?(?:prices|costs)\b)",
            r"hik(?:e|es|ed|ing)",
            r"(?<!pause on )(?<!pause in )(?<!delay in )(?<!cost )increas(?:e|es|ed|ing)",
            r"boost(?:s|ed|ing)?",
            r"doubl(?:e|es|ed|ing)",
            r"tripl(?:e|es|ed|ing)",
            r"quadrupl(?:e|es|ed|ing)",
            r"jack(?:s|ed)? up",
            r"ramp(?:s|ed)? up",
            r"escalat(?:e|es|ed|ing)",
            r"additional",
            r"extra",
            r"further",
            r"up from",
            r"on top of",
            r"stack(?:s|ed)? on",
            r"lifting (?:it|them|the rate|rates) to",
            r"lift(?:s|ed)? (?:it|them|the rate|rates|the tariff|tariffs|duties) to",
            # "lifted its duties on Chinese imports to 145%": lifted to a rate, as "lifted" (removed) is not
            r"lift(?:s|ed)?(?=(?:[^.,;%]|(?<=\b[a-z])\.){0,50}?(?<!\bup )\bto\s+\d)",
            r"lift(?:s|ed|ing)? the (?:total|overall|combined|cumulative)",
            r"(?:climb(?:s|ed|ing)?|jump(?:s|ed|ing)?|r[io]se|rises|rising|soar(?:s|ed|ing)?) to",
            r"(?:will|would|to|set to) (?:rise|climb|jump|go up)",
        ),
    ),
    (
        "in_force",
        words(
            r"took effect",
            r"take effect",
            r"takes effect",
            r"taking effect",
            r"went into effect",
            r"go into effect",
            r"goes into effect",
            r"came into force",
            r"come into force",
            r"comes into force",
            r"entered into force",
            r"enters into force",
            r"(?:came|comes|come) into effect",
            r"in effect",
            r"(?:has|have|had) applied",
            r"applied since",
            # "the duties on steel are not affected by the deal": they stand
            r"(?:not affected|unaffected|untouched)",
            # "Canada's 25% tariffs applied from Tuesday": a start in the past tense
            r"applied from",
            r"in force",
            r"in place",
            r"kick(?:s|ed)? in",
            r"began (?:collecting|charging|applying|levying|imposing|requiring)",
            r"started (?:collecting|charging|applying|levying|imposing|requiring)",
            r"(?:has|have) been (?:collecting|charging|applying|levying|imposing)",
            r"charging",
            r"collect(?:s|ed|ing)?",
            r"now face",
            r"face[sd]?",
            r"facing",
            r"remain(?:s|ed)?",
            # "accepting that a 10% levy on most of its exports will stay"
            r"(?:will|would) stay(?! (?:on hold|suspended|paused|frozen|halted|exempt))",
            # "applies a 50% tariff on steel from all countries": a duty it charges now
            r"applies",
            # "U.S. tariffs on Chinese goods would total 55%": the duties in place, added up
            r"(?:will|would) total",
            r"stay(?:s|ed)? in place",
            r"still",
            r"current(?:ly)?",
            r"existing",
            r"standard",
            r"paying",
            r"pay",
            r"pays",
            # "goods subject to tariffs"; not ", subject to further talks", a condition of the deal
            r"subject to(?=\s+(?:[\w%.-]+\s+){0,3}?(?:tariffs?|dut(?:y|ies)|lev(?:y|ies)|rates?|surcharges?|quotas?"
            r"|controls?|curbs?|restrictions?|licen[cs](?:e|es|ing)|the\s+same))",
            r"keep(?:s|ing)?",
            r"kept",
            r"maintain(?:s|ed|ing)?",
            r"retain(?:s|ed|ing)?",
            r"levied",
            r"charged",
            # "the combined rate stands at 145%": the level of a standing duty
            r"stands? at",
            r"stood at",
        ),
    ),
    (
        "announced",
        words(
            r"(?:re)?impos(?:e|es|ed|ing|ition)",
            r"slap(?:s|ped|ping)?",
            r"levy",
            r"levies",
            r"announc(?:e|es|ed|ing)",
            r"unveil(?:s|ed|ing)?",
            r"introduc(?:e|es|ed|ing)",
            r"set",
            r"sets",
            r"setting",
            r"approv(?:e|es|ed|ing)",
            r"finali[sz](?:e|es|ed|ing)",
            r"decid(?:e|es|ed|ing)",
            r"order(?:s|ed)?",
            r"sign(?:s|ed)?",
            r"put",
            r"placed",
            r"plac(?:e|es|ing)",
            r"adopt(?:s|ed|ing)?",
            # "restored a full 25% tariff", "will reinstate the duty": a duty put back is a new one
            r"restor(?:e|es|ed|ing)",
            r"reinstat(?:e|es|ed|ing)",
            r"confirm(?:s|ed|ing)?",
            r"will apply",
            r"would apply",  # reported speech: "said the duty would apply from May 1"
            r"to apply",
            r"retaliat(?:e|es|ed|ing|ory|ion)",
            r"hit(?:s|ting)?",
            r"new",
            r"determin(?:e|es|ed|ation)",
            r"found",
            r"preliminary",
            r"final",
        ),
    ),
]

CONTROL_STATUS: list[tuple[str, re.Pattern[str]]] = [
    (
        "relaxed",
        re.compile(
            r"\b(?:eas(?:e|es|ed|ing)|relax(?:es|ed|ing)?|loosen(?:s|ed|ing)?|resum(?:e|es|ed|ing|ption)"
            r"|allow(?:s|ed|ing)?|grant(?:s|ed|ing)?"
            # "defers Beijing's new rare-earth export controls for a year": put off, so eased for now
            r"|defer(?:s|red|ring)?|postpon(?:e|es|ed|ing)"
            r"|let(?:s|ting)?(?= (?:[\w.&'’-]+ ){1,3}?(?:to )?(?:ship|sell|export)\b)"
            # "need approval", "apply for permits": what the rule asks for, not a permission given
            r"|(?<!need )(?<!needs )(?<!require )(?<!requires )(?<!obtain )(?<!seek )(?<!for )"
            r"(?<!need a )(?<!needs a )(?<!require a )(?<!requires a )(?<!required a )(?<!obtain a )(?<!for a )"
            # "requiring a trade permit": the noun of a requirement
            r"(?<!requiring )(?<!requiring a )(?<!trade )(?<!export )(?<!government )(?<!prior )(?<!official )"
            r"(?<!special )"
            # not "approved a bill that would ban exports": a law passed, no permission given
            r"(?:approv(?:e|es|ed|ing|al)(?!\s+(?:a|an|the)\s+(?:[\w-]+\s+)?(?:bill|law|measure|plan|proposal|decree|rule"
            r"|regulation|legislation)\b)|permit(?:s|ted|ting)?)"
            r"|revers(?:e|es|ed|ing)|exempt(?:s|ed|ion)?|waive(?:s|d|r)?"
            # "pledged to speed up export licences for rare-earth magnets": permissions given sooner
            # (not "will fast-track new export restrictions": restrictions sped up are tightened sooner)
            r"|(?:speed(?:s|ed|ing)?\s+up|fast[\s-]track(?:s|ed|ing)?|expedit(?:e|es|ed|ing))\s+(?:[\w-]+\s+){0,2}?"
            r"(?:licen[cs]es|licensing|approvals?|permits)"
            # "would issue general export licences for rare earths": permissions given
            r"|issu(?:e|es|ed|ing)\s+(?:[\w-]+\s+){0,3}?licen[cs]es"
            r"|put(?:s|ting)? on hold"
            # "nearly doubles its grain export quota", "a cap ... almost double last season's limit", "will replace
            # its ban on cobalt exports with annual quotas": more may be shipped than before
            r"|(?:doubl(?:e|es|ed|ing)|rais(?:e|es|ed|ing)|increas(?:e|es|ed|ing)|enlarg(?:e|es|ed|ing))\s+"
            # (the quota as the verb's object: not "doubled down on its export limits", "raised concerns over caps")
            r"(?!down\b|concerns?\b|fears?\b|doubts?\b|questions?\b)"
            r"(?:(?!over\b|about\b|that\b|on\b|of\b)[\w'’-]+\s+){0,4}?(?:quotas?|limits?|caps?)"
            # "put off a planned ban", "will hold off on a planned ban on bauxite exports": its start put off
            r"|(?:hold(?:s|ing)?|held)\s+off\s+(?:on\s+)?(?:(?:a|the|its)\s+(?:planned|proposed|new)\b|implementing)"
            r"|replac(?:e|es|ed|ing)\s+(?:its|the|their|a)\s+(?:[\w-]+\s+){0,4}?ban\s+(?:[\w-]+\s+){0,4}?with\s+"
            r"(?:[\w-]+\s+){0,2}?quotas?"
            r"|delay(?:s|ed|ing)?"
            r"\s+(?:[\w-]+\s+){0,6}?(?:rules?|ban|controls?|curbs?|restrictions?|requirements?|measures?|regime"
            r"|checks|reviews|licensing|listings?)"
            r"|resum(?:e|es|ed|ing)\s+(?:approving|issuing|granting|allowing)?)\b"
        ),
    ),
    (
        "lifted",
        re.compile(
            r"\b(?:lift(?:s|ed|ing)?(?!\s+the\s+(?:total|overall|combined|cumulative))|remov(?:e|es|ed|ing|al)|"
            + _SCRAP
            + r"|rescind(?:s|ed|ing)?"
            # ("high-end chips": an adjective of the goods)
            # (not "revoked export licences that allowed Intel to ship chips to Huawei": permissions withdrawn)
            r"|revok(?:e|es|ed|ing)(?!\s+(?:(?:its|the|their|some|all|several)\s+)?(?:export\s+)?(?:licen[cs]es"
            r"|permits|waivers|exemptions|authori[sz]ations)\b(?!\s+requirements?\b))"
            # (not "by the end of the year", "at the end of last year": the noun of a time)
            r"|(?<!-)(?<!\bthe )(?<!\ban )end(?:s|ed|ing)?(?!\s+up\b|[\s-]+us(?:e|es|ers?)\b|\s+of\b|-\d)"
            r"|drop(?:s|ped|ping)?|repeal(?:s|ed|ing)?"
            r"|delist(?:s|ed|ing)?"
            r"|taken off|took off|take off|struck off|abolish(?:es|ed|ing)?|cancel(?:s|led|ed|ling)?"
            # "struck 16 Chinese entities off its list"
            r"|(?:struck|took|taken|strikes|takes)\s+(?:[\w.-]+\s+){1,4}?off\b"
            # "producers no longer need a licence to ship ethane to China"
            r"|no longer (?:needs?|needed|requires?|required|(?:has|have|had) to (?:obtain|seek|apply))"
            # "suspended its ban on exports of gallium", "paused the export controls", "paused until Nov. 10, 2026
            # the export controls", "would hold off for one year on the rare-earth export controls": no longer
            # applied, for now
            r"|(?:suspend(?:s|ed|ing)?|paus(?:e|es|ed|ing)"
            # (a control not yet in force that is held off on is put off: relaxed)
            r"|(?:hold(?:s|ing)?|held)\s+off(?!\s+(?:on\s+)?(?:a\s+|the\s+|its\s+)?(?:planned|proposed|new)\b"
            r"|\s+implementing))"
            r"\s+(?:until\s+[a-z]+\.?\s+\d+,?\s+(?:\d{4}\s+)?)?(?:for\s+(?:one|a|\d+)\s+\w+\s+on\s+)?"
            r"(?:[\w-]+\s+){0,6}?(?:rules?|ban|controls?|curbs?|restrictions?|requirements?|measures?|regime"
            r"|checks|reviews|licensing|listings?))\b"
        ),
    ),
    (
        "tightened",
        words(
            r"tighten(?:s|ed|ing)?",
            r"revok(?:e|es|ed|ing) (?:(?:its|the|their|some|all|several) )?(?:export )?(?:licen[cs]es|permits|waivers"
            r"|exemptions|authori[sz]ations)(?! requirements?\b)",
            r"expand(?:s|ed|ing)?",
            r"expansion",
            r"broaden(?:s|ed|ing)?",
            r"widen(?:s|ed|ing)?",
            r"extend(?:s|ed|ing)? (?:[\w-]+ ){0,3}(?:rules?|controls?|curbs?|restrictions?|ban|requirements?"
            r"|blacklist|list)",
            r"stricter",
            r"tougher",
            r"tighter",
            r"further restrict(?:s|ed|ing)?",
            r"clos(?:e|es|ed|ing) (?:a |the )?loopholes?",
            r"updat(?:e|es|ed|ing)",
            r"escalat(?:e|es|ed|ing)",
            # "added 12 more companies", "added two further entities": more of a listing already made
            r"added (?:\d+ |[a-z]+ )?(?:more|further|additional)",
        ),
    ),
    (
        "imposed",
        words(
            r"impos(?:e|es|ed|ing)",
            r"introduc(?:e|es|ed|ing)",
            r"announc(?:e|es|ed|ing)",
            r"unveil(?:s|ed|ing)?",
            r"requir(?:e|es|ed|ing)",
            r"ban(?:s|ned|ning)?",
            r"halt(?:s|ed|ing)?",
            r"restrict(?:s|ed|ing)?",
            r"block(?:s|ed|ing)?",
            r"curb(?:s|ed|ing)?",
            r"cap(?:s|ped|ping)?",
            r"bar(?:s|red|ring)?",
            r"prohibit(?:s|ed|ing)?",
            r"add(?:s|ed|ing)?",
            r"plac(?:e|es|ed|ing)",
            r"put",
            r"list(?:s|ed|ing)?",
            r"hold(?:s|ing)? back",
            r"held back",
            r"withh[oe]ld(?:s|ing)?",
            r"suspend(?:s|ed|ing)?",
            r"stop(?:s|ped|ping)?",
            r"cut off",
            r"took effect",
            r"take effect",
            r"takes effect",
            r"in effect",
            r"(?:has|have|had) applied",
            r"applied since",
            r"in place",
            r"issu(?:e|es|ed|ing)",
            r"set",
            r"new",
        ),
    ),
]

TRUCE_STATUS: list[tuple[str, re.Pattern[str]]] = [
    (
        "extended",
        # "for an extended period" describes a time, it extends nothing
        words(r"(?<!\ban )extend(?:s|ed|ing)?", r"extension", r"prolong(?:s|ed|ing)?", r"renew(?:s|ed|ing)?"),
    ),
    (
        "ended",
        words(
            r"collaps(?:e|es|ed|ing)",
            r"ended",
            r"ends",
            r"broke down",
            r"break down",
            r"broken down",
            r"abandon(?:s|ed|ing)?",
            r"scrap(?:s|ped)?",
            r"tore up",
            r"terminat(?:e|es|ed|ing)",
            # (not "threatened to unravel a truce": it still holds)
            r"(?<!threatened to )(?<!threatens to )(?<!threaten to )(?<!could )unravel(?:s|ed|led|ing)?",
            r"shattered",
            # "the truce is over"; "a dispute over aircraft" ends nothing
            r"(?:is|was|are|were|be|been|now) over",
            # "two weeks after Brussels declared its trade truce with Washington over"
            r"declar(?:e|es|ed|ing)(?=\s+(?:the|its|their)\s+(?:[\w-]+\s+){0,5}?over\b"
            r"(?!\s+(?:the|a|an|this|that|its|their)\b))",
            # "abruptly ending a truce"; "a truce ending in May" says when it runs out
            r"ending(?=\s+(?:a|an|the|its|their|his|her|this|that)\b)",
        ),
    ),
    (
        "expired",
        words(
            r"expired",
            r"lapsed",
            r"ran out",
            r"has run out",
            r"came to an end",
            # "let their tariff truce lapse at midnight": allowed to run out, not renewed
            # (not "are expected to let their truce expire", "urged Washington not to let the truce lapse")
            r"(?<!to )(?<!not )let (?:the |their |its )?(?:[\w-]+ ){0,3}?(?:truce|ceasefire|pause) (?:lapse|expire"
            r"|run out)",
        ),
    ),
    (
        "agreed",
        words(
            r"agree(?:s|d|ing)?",
            r"reach(?:es|ed|ing)?",
            r"str(?:uck|ike|ikes)",
            r"announc(?:e|es|ed|ing)",
            r"seal(?:s|ed|ing)?",
            r"clinch(?:es|ed)?",
            r"forg(?:e|ed)",
            r"broker(?:s|ed)?",
            r"call(?:s|ed)?",
            r"declar(?:e|es|ed)",
            r"secur(?:e|es|ed)",
        ),
    ),
]

NEGOTIATION_STATUS: list[tuple[str, re.Pattern[str]]] = [
    (
        "suspended",
        words(
            r"suspend(?:s|ed|ing)?",
            r"call(?:s|ed)? off",
            # "said he was ending trade talks with Canada"
            r"end(?:s|ed|ing)?(?= (?:all |the |its |their )?(?:trade )?(?:talks|negotiations)\b)",
            r"broke off",
            r"break(?:s)? off",
            r"walk(?:s|ed)? out",
            r"walked away",
            r"postpon(?:e|es|ed|ing)",
            r"halt(?:s|ed|ing)?",
            r"stop(?:s|ped|ping)?",
            r"cancel(?:s|led|ed|ling)?",
            # (not "to revive stalled free trade talks": talks described, not stopped now)
            r"stall(?:s|ing)?",
            r"stalled(?! (?:[\w-]+ ){0,2}?(?:talks|negotiations)\b)",
            r"froze",
            r"frozen",
            r"freez(?:e|es|ing)",
            r"pull(?:s|ed)? out",
            r"collaps(?:e|es|ed)",
            r"broke down",
            r"(?:are|were|is|was) off",
            r"terminat(?:e|es|ed|ing)",
            # "Britain has paused free trade negotiations with the Gulf states", "put the talks on hold"
            r"paus(?:e|es|ed|ing)(?= (?:its |their |the |all )?(?:[\w-]+ ){0,2}?(?:talks|negotiations)\b)",
            r"put(?:s|ting)? (?:the |its |their )?(?:[\w-]+ ){0,2}?(?:talks|negotiations) on hold",
        ),
    ),
    (
        "concluded",
        re.compile(
            # (not "concluded two days of trade talks": talks held, no deal said)
            r"\b(?:reach(?:es|ed)?|str(?:uck|ike)|sign(?:s|ed|ing)?"
            r"|conclud(?:e|es|ed|ing)(?! (?:two|three|four|five|several|a|the|their) (?:days?|rounds?|weeks?)\b)"
            r"|clinch(?:es|ed)?"
            r"|seal(?:s|ed)?|initial(?:l?ed|s)|finali[sz](?:e|es|ed)"
            r"|wrap(?:s|ped)? up (?:the |their )?(?:[\w-]+ )?(?:negotiations|talks)"
            # "wrapped up the final round of talks": done, the last of them (not "will wrap up the final round")
            r"|wrapped up (?:the |their )?final round of (?:[\w-]+ )?(?:negotiations|talks)"
            # "agreed to keep working on a pact": a promise of more talks, nothing concluded yet
            r"|agree(?:s|d)? (?:on|to)(?! (?:push|press|continue|keep|work|resume|hold|meet|step up|speed up))"
            # "agreed a trade deal", "the framework deal the EU agreed with Washington"
            r"|agree(?:s|d)? (?:a|an|the|their|its)(?= (?:[\w-]+ ){0,3}?(?:deal|agreement|accord|pact|framework)\b)"
            # "announced a framework for a trade agreement", "unveiled a deal": a deal made public
            r"|(?:announc(?:e|es|ed)|unveil(?:s|ed)?) (?:a|an|the|their)"
            r"(?= (?:[\w-]+ ){0,2}?(?:deal|agreement|accord|pact|framework)\b)"
            r"|(?:deal|agreement|accord|pact|framework) (?:that |which )?(?:[\w.'’-]+ ){1,3}?(?:agreed|announced"
            r"|unveiled)\b"
            r"|completed? (?:the )?(?:negotiations|talks)|initial(?:l)?ed"
            # "the agreement followed two days of talks": the talks ended in a deal
            r"|(?:agreement|deal|accord|pact|truce|framework) (?:followed|came after|was reached after|capped)"
            # "under a trade pact unveiled on Monday": a deal made public is concluded
            r"|(?:agreement|deal|accord|pact|framework),? (?:(?:was|were|has been|had been) )?(?:announced|unveiled"
            r"|finali[sz]ed|signed|reached|struck|sealed|clinched)"
            # "a week of talks yielded an interim agreement"
            r"|(?:produced|yielded|resulted in|ended with|ended in) (?:[\w\"'“”-]+ ){0,7}?"
            r"(?:deal|agreement|accord|pact))\b"
            r"(?:\s+(?:a|an|the|its|their)\s+)?"
        ),
    ),
    (
        "proposed",
        words(
            # "an offer to hold talks": the talks are proposed, not scheduled
            r"(?:offer|proposal|invitation|suggestion)s? to (?:hold|resume|start|open|restart|begin)",
            # "offered to hold talks", "asked the United States to resume negotiations", "invited Sefcovic to visit
            # China for talks": a meeting asked for, not one set
            r"(?:offer(?:s|ed|ing)?|ask(?:s|ed|ing)?|invit(?:e|es|ed|ing)|call(?:s|ed|ing)? on|urg(?:e|es|ed|ing))"
            r"(?: [\w.'’-]+){0,4}? to (?:hold|resume|visit|start|begin|open|restart|join)",
            # "talks could resume next month": a hedge, not a date set
            r"(?:could|might|may) (?:resume|restart|start|begin|open|take place|be held|meet|hold)",
            # "has proposed holding the next round": the round is proposed, however near "next round" stands
            r"propos(?:e|es|ed|ing) (?:holding|to hold|resuming|to resume|starting|to start) (?:the |a |an )?"
            r"(?:next |new |fresh |further |another )?(?:round|talks|negotiations)",
            r"propos(?:e|es|ed|ing)",
            r"offer(?:s|ed|ing)?",
            r"invit(?:e|es|ed|ing)",
            r"call(?:s|ed)? for",
            r"open to",
            r"seek(?:s|ing)?",
            r"sought",
            r"request(?:s|ed)?",
            r"suggest(?:s|ed)?",
            r"want(?:s|ed)? to (?:start|open|launch|begin|resume)",
            r"ready to",
            r"willing to",
        ),
    ),
    (
        "scheduled",
        words(
            r"will (?:hold|meet|travel|visit|resume|start|begin|launch|open|host|head|attend|lead|sit down)",
            r"to (?:hold|meet|visit|travel|resume|start|begin|launch|open|host|join)",
            r"set to",
            r"set for",
            r"scheduled",
            r"plan(?:s|ned)? to",
            r"expected to",
            r"due to",
            r"is to",
            r"are to",
            r"next round",
            r"upcoming",
            r"heads? to",
            r"heading to",
            r"is visiting",
            r"visits",
            r"arriv(?:e|es|ing)",
            r"travel(?:s|ling|ing)? to",
            r"will",
        ),
    ),
    (
        "held",
        words(
            r"held",
            r"met",
            r"hold(?:s|ing)?",
            r"meeting",
            r"wrapped up",
            r"ended",
            r"concluded (?:two|three|a|the) (?:days?|rounds?)",
            r"took place",
            r"discuss(?:ed|es|ing)?",
            r"spoke",
            r"resumed",
            r"opened",
            r"began",
            r"started",
            r"visited",
            r"talked",
            r"negotiated",
            # "the talks are continuing": talks under way
            r"continu(?:e|es|ed|ing)",
            r"go(?:es)? on",
        ),
    ),
]

CONTROL_KIND = [
    (
        "entity_list",
        re.compile(
            r"\b(?:entity|unverified|end[\s-]user|unreliable entity|export control(?:led)?) list\b|\bblacklist"
        ),
    ),
    ("licence", re.compile(r"\blicen[cs]|\b(?:export )?permits?\b|\bexport authori[sz]ations?\b")),
    ("quota", re.compile(r"\bquotas?\b")),
    (
        "ban",
        re.compile(
            r"\b(?:ban(?:s|ned|ning)?|embargo|prohibit(?:s|ed|ion)?|halt(?:s|ed)?|bar(?:red|s)?|cut(?:s|ting)? off)\b"
        ),
    ),
]

# Goods that trade measures name; used when the phrase after "on" is not a clean noun phrase.
PRODUCTS = re.compile(
    # a model code ("x550", "a100") names the chips as written
    r"\b(?:(?:high-bandwidth memory|advanced|ai|artificial intelligence|[a-z]{1,3}\d{2,4}[a-z]?|legacy|mature-node"
    r"|memory)\s+)?"
    r"(?:chips|semiconductors)\b"
    r"|\bchip(?:making|-making)? (?:equipment|tools|machines)\b|\bsemiconductor (?:equipment|manufacturing equipment)"
    r"|\blithography (?:machines|systems|equipment)\b|\brare[\s-]earth (?:magnets|elements|metals|minerals)\b"
    r"|\brare[\s-]earths\b|\b(?:gallium|germanium|antimony|graphite|tungsten|lithium|cobalt|nickel|copper"
    r"|aluminium|aluminum|steel|lumber|timber|soybeans|soy|pork|beef|wheat|corn|rice|wine|whisky|whiskey"
    r"|bourbon|cheese|dairy|canola|seafood|shrimp|salmon|solar panels|solar cells|batteries|polysilicon"
    r"|pharmaceuticals|drugs|medicines|furniture|kitchen cabinets|cabinets|trucks|heavy trucks|autos"
    r"|auto parts|cars|vehicles|electric vehicles|evs|motorcycles|jets|aircraft|aircraft parts|boeing parts"
    r"|jet engines|ethane|oil|crude|gas|lng|coal|fertilizer|potash|textiles|apparel|clothing|footwear|shoes"
    r"|toys|electronics|smartphones|laptops|computers|appliances|washing machines|film|movies|ships"
    r"|cranes|drones|software|gold|silver|platinum|iron ore|critical minerals|minerals|magnets)\b",
)
GENERIC_GOODS = frozenset(
    [
        "goods",
        "imports",
        "exports",
        "products",
        "items",
        "shipments",
        # "every Chinese import", "each product": one standing for all
        "import",
        "product",
        "item",
        "merchandise",
        "everything",
        "all",
        "things",
        "purchases",
        "trade",
        "commodities",
        "sales",
        "wares",
        "supplies",
        # "add 20% to the cost of American cargoes": the goods' loads, not goods of their own
        "cargoes",
        "cargo",
        "consignments",
        "deliveries",
        # "export controls on any and all critical software"
        "any",
    ]
)
VENUES = frozenset(
    [
        *[
            "geneva",
            "stockholm",
            "london",
            "madrid",
            "paris",
            "rome",
            "busan",
            "osaka",
            "tokyo",
            "beijing",
            "shanghai",
            "washington",
            "brussels",
            "davos",
            "singapore",
            "seoul",
            "hiroshima",
            "delhi",
            "ottawa",
            "brasilia",
            "canberra",
            "jakarta",
            "bangkok",
            "hanoi",
            "manila",
            "riyadh",
            "doha",
            "dubai",
            "cairo",
            "istanbul",
            "ankara",
            "berlin",
            "vienna",
            "bern",
            "zurich",
            "santiago",
            "lima",
            "bogota",
            "montevideo",
            "johannesburg",
            "pretoria",
            "nairobi",
            "lagos",
            "taipei",
            "moscow",
            "minsk",
            "kyiv",
            "warsaw",
            "prague",
            "budapest",
            "lisbon",
            "dublin",
            "oslo",
            "copenhagen",
            "helsinki",
            "amsterdam",
            "luxembourg",
            "sydney",
            "wellington",
            "auckland",
            "vancouver",
            "toronto",
            "montreal",
            "chicago",
            "detroit",
            "miami",
            "houston",
            "bali",
            "yangon",
            "colombo",
            "dhaka",
            "islamabad",
            "karachi",
            "mumbai",
            "bengaluru",
            "hangzhou",
            "shenzhen",
            "guangzhou",
            "tianjin",
            "kyoto",
            "nagoya",
            "incheon",
            "jeju",
        ],
        "kuala lumpur",
        "new delhi",
        "mexico city",
        "abu dhabi",
        "buenos aires",
        "hong kong",
        "the hague",
        "new york",
        "san francisco",
        "los angeles",
        "camp david",
        "mar-a-lago",
        "phnom penh",
        "rio de janeiro",
        "sao paulo",
        "são paulo",
        "cape town",
        "white house",
        # places of summits and signings that are no capital
        "turnberry",
        "asuncion",
        "asunción",
        "gyeongju",
        "muscat",
        "chequers",
        "punta del este",
        "biarritz",
        "bled",
    ]
)

# Companies that export-control lists name, by the jurisdiction they belong to.
COMPANY_COUNTRY = {
    "huawei": "CN",
    "zte": "CN",
    "smic": "CN",
    "ymtc": "CN",
    "cxmt": "CN",
    "hikvision": "CN",
    "dahua": "CN",
    "dji": "CN",
    "sensetime": "CN",
    "megvii": "CN",
    "iflytek": "CN",
    "inspur": "CN",
    "sugon": "CN",
    "hisilicon": "CN",
    "naura": "CN",
    "amec": "CN",
    "kaspersky": "RU",
    "rosneft": "RU",
    "gazprom": "RU",
    "samsung": "KR",
    "sk hynix": "KR",
    "tsmc": "TW",
    "asml": "NL",
    "tokyo electron": "JP",
    "nvidia": "US",
    "intel": "US",
    "micron": "US",
    "lockheed martin": "US",
    "raytheon": "US",
    "skydio": "US",
}
COMPANIES = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in COMPANY_COUNTRY) + r")\b")
