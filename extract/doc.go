// Package extract turns article text into entities, mentions and relations.
//
// It is pure computation: no network, no database. Read (or a Reader)
// streams articles from .txt, .md and .jsonl files; a Pipeline, built once
// by New, extracts each of them into a Result, the stable `kg extract`
// contract. Extraction runs in this order:
//
//   - sentences and tokens with code-point offsets (extract/arabic);
//   - dates (extract/dates): the dateline, absolute and relative dates,
//     resolved against the article's published date or its dateline;
//   - gazetteer matches (extract/gazetteer), longest first, through
//     attached proclitics (وواشنطن → واشنطن); a name inside a longer name
//     is not a mention of its own;
//   - rules: generic ministries (وزارة الخارجية), titles before or after
//     a name (وزير الخارجية الروسي سيرغي لافروف, State Department spokesman
//     John Kirby) giving people and roles, given name + surname, names
//     after organization and place head words, capitalized Latin names;
//   - the statistical tagger, if configured, for names still unknown;
//   - resolution within the article: a surname alone is the full name
//     seen before or after it, other spellings of known people are linked,
//     ids are gazetteer ids or normalized-name keys;
//   - events from trigger words, at most one per type per sentence, with
//     their place, date and participants;
//   - relations: roles, spokespeople, membership, part-of, participation,
//     place of events, renames and co-mentions.
//
// Normalization is for matching only: mentions are exact slices of the
// text and names keep their written form.
package extract
