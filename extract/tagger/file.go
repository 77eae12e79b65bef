package tagger

import (
	"context"
	_ "embed"
	"fmt"
	"math"
	"os"
)

//go:embed model.bin
var modelBin []byte

// Default decodes the model shipped with the package (see MODEL.md). It
// decodes on every call: call it once and keep the Model.
func Default() (*Model, error) {
	m, err := Load(modelBin)
	if err != nil {
		return nil, fmt.Errorf("tagger: embedded model: %w", err)
	}
	return m, nil
}

// FileOptions configures TrainFile.
type FileOptions struct {
	// Dev is a CoNLL file to evaluate on. When empty, the last Holdout
	// fraction of the training file's sentences is held out as dev and not
	// trained on.
	Dev string
	// Holdout is the fraction of sentences held out when Dev is empty; 0
	// trains on every sentence. DefaultFileOptions sets 0.1.
	Holdout float64
	Train   TrainOptions
}

// DefaultFileOptions returns the options that made the shipped model:
// the last 10% of sentences held out, DefaultTrainOptions.
func DefaultFileOptions() FileOptions {
	return FileOptions{Holdout: 0.1, Train: DefaultTrainOptions()}
}

// Split returns the first sentences and the last holdout fraction of them
// (rounded to the nearest sentence).
func Split(sents []Sentence, holdout float64) (train, dev []Sentence) {
	n := int(math.Round(float64(len(sents)) * (1 - holdout)))
	n = max(0, min(n, len(sents)))
	return sents[:n], sents[n:]
}

// TrainFile trains a model on a CoNLL file and scores it on the dev
// sentences (nil Report when there are none). It is what `kg train` runs;
// with DefaultFileOptions on ANERcorp's train.txt it reproduces the
// shipped model byte for byte.
func TrainFile(ctx context.Context, path string, opts FileOptions) (*Model, *Report, error) {
	sents, err := readCoNLLFile(path)
	if err != nil {
		return nil, nil, err
	}
	var dev []Sentence
	if opts.Dev != "" {
		if dev, err = readCoNLLFile(opts.Dev); err != nil {
			return nil, nil, err
		}
	} else if opts.Holdout < 0 || opts.Holdout >= 1 {
		return nil, nil, fmt.Errorf("tagger: holdout %v is not in [0, 1)", opts.Holdout)
	} else if opts.Holdout > 0 {
		sents, dev = Split(sents, opts.Holdout)
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, fmt.Errorf("tagger: train %s: %w", path, err)
	}
	m, err := Train(sents, opts.Train)
	if err != nil {
		return nil, nil, fmt.Errorf("tagger: train %s: %w", path, err)
	}
	if len(dev) == 0 {
		return m, nil, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, fmt.Errorf("tagger: evaluate: %w", err)
	}
	rep := m.Evaluate(dev)
	return m, &rep, nil
}

// Evaluate tags sentences as one document, in order, and scores them
// against their tags.
func (m *Model) Evaluate(sents []Sentence) Report {
	toks := make([][]string, len(sents))
	gold := make([][]string, len(sents))
	for i, s := range sents {
		toks[i], gold[i] = s.Tokens, s.Tags
	}
	return Score(gold, m.TagDocument(toks))
}

func readCoNLLFile(path string) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("tagger: %w", err)
	}
	defer f.Close()
	sents, err := ReadCoNLL(f)
	if err != nil {
		return nil, fmt.Errorf("tagger: %s: %w", path, err)
	}
	return sents, nil
}
