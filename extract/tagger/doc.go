// Package tagger is a statistical named-entity tagger for Arabic news: it
// reads tokens as written (clitics attached) and gives IOB2 tags for the
// ANERcorp types PERS, ORG, LOC and MISC.
//
// The model is an averaged structured perceptron over hashed features,
// decoded with Viterbi under IOB2 constraints (I-X only after B-X or
// I-X). Features read the normalized word and its clitic-stripped stems
// (extract/arabic), prefixes and suffixes, shape, the words around it,
// built-in lists of given names, titles and organization and place head
// words (lists.go), the gazetteer's lists compiled into the model (or another
// Lexicon), and an entity lexicon learned from the training data. That
// lexicon is built leave-fold-out during training, so the model learns how
// far to trust it on words it has not seen tagged.
//
// A second layer gives document consistency: TagDocument tags an article
// twice, the second time knowing how each word and span was tagged in the
// nearby sentences.
//
// Default decodes the model shipped in model.bin (see MODEL.md); Train
// and TrainFile make new ones, deterministically.
package tagger
