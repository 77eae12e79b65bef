// Package extract turns article text into entities, mentions and relations.
//
// It is pure computation: no network, no database. The pipeline is
// read → normalize → split sentences → tokenize → tag → gazetteer → rules →
// resolve, and its output is the stable `kg extract` contract (Result).
package extract
