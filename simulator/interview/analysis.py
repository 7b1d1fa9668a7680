"""Japanese text analysis shared by the classifier, the fact matcher and the rubric.

SudachiPy with its core dictionary: one tokenizer per process, normalised forms that merge
spelling variants (子供/子ども/こども), and a sentence splitter that finds the last clause,
where the technique of a remark is usually decided.
"""

from __future__ import annotations

import re
import threading
import unicodedata
import warnings
from dataclasses import dataclass
from typing import Any

# ---------------------------------------------------------------------------------------
# SudachiPy: one dictionary per process. Loading it takes ~0.2 s and ~70 MB, so it is a
# lazy singleton: importing this module stays cheap for commands that never classify.

_TOKENIZER: Any = None
_TOKENIZER_LOCK = threading.Lock()
#: Held while the tokenizer works: it refuses a second caller ("Already borrowed").
TOKENIZE_LOCK = threading.Lock()


def tokenizer() -> Any:
    """The shared SudachiPy tokenizer (core dictionary, split mode C)."""
    global _TOKENIZER
    if _TOKENIZER is None:
        with _TOKENIZER_LOCK:
            if _TOKENIZER is None:
                from sudachipy import dictionary
                from sudachipy import tokenizer as sudachi_tokenizer

                mode = sudachi_tokenizer.Tokenizer.SplitMode.C
                with warnings.catch_warnings():
                    # SudachiPy 0.7 deprecates create() in favour of tokenizer(); both give
                    # the same analysis. Keep create() so older 0.6 wheels still work.
                    warnings.simplefilter("ignore", DeprecationWarning)
                    _TOKENIZER = dictionary.Dictionary(dict="core").create(mode)
    return _TOKENIZER


@dataclass(frozen=True)
class Token:
    """What the rules look at in one morpheme."""

    surface: str
    normalized: str
    dictionary: str
    begin: int
    pos: str = ""  # SudachiPy's first part-of-speech field (名詞, 動詞, 助詞 ...)

    def forms(self) -> tuple[str, str, str]:
        """The three spellings a lemma rule may match."""
        return (self.surface, self.normalized, self.dictionary)


def normalise(text: str) -> str:
    """NFKC (full-width ？ -> ?, … -> ...) and trimmed: the text every rule sees."""
    return unicodedata.normalize("NFKC", text).strip()


def tokens(text: str) -> list[Token]:
    """Tokenise already-normalised text with SudachiPy (mode C); safe across threads."""
    # The tokenizer is one Rust object that refuses a second caller while it works
    # ("RuntimeError: Already borrowed"): the service and the store's scorer run on
    # threads, so calls take turns. A call is well under a millisecond.
    with TOKENIZE_LOCK:
        return [
            Token(
                m.surface(),
                m.normalized_form(),
                m.dictionary_form(),
                m.begin(),
                m.part_of_speech()[0],
            )
            for m in tokenizer().tokenize(text)
        ]


# A sentence ends at 。?! or a line break; a clause ending in が、/けど、 also hands the
# weight on to what follows (「…とおっしゃっていましたが、今はどうやって…」).
_SENTENCE_END = re.compile(
    r"[。?!\n]+|(?:ましたが|でしたが|ですが|ますが|たけど|だけど|けれども|けれど|けど)、"
)


def last_sentence_start(text: str) -> int:
    """Offset where the last sentence (or main clause) starts; trailing punctuation ignored."""
    body = text.rstrip("。?!.…\n ")
    ends = list(_SENTENCE_END.finditer(body))
    return ends[-1].end() if ends else 0
