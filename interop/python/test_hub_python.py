"""The unchanged Python ``huggingface_hub`` client against a Model Library server.

Run through ``interop/run.sh --python`` (it starts the jar and sets HF_ENDPOINT, HF_TOKEN,
HF_READ_TOKEN, HF_USER, HF_ORG); the GitHub workflow runs it with a release before 1.20 and
with the newest one under ``HF_HUB_DISABLE_XET=1`` (1.20 and later upload LFS-sized files
through Xet, which this server does not speak yet). It cannot run on a machine without the
Python package index; ``src/test/java/io/modellibrary/hub/HubPythonSequenceTest`` replays the
same request sequences there.

The steps run in order (``unittest`` sorts ``test_NN_...`` by name) on one model in the user's
namespace and one private dataset in the organisation, and assert what a user notices: file
names, sizes, the sha256 of the bytes, commit titles, and the client's own error classes.
"""

import hashlib
import json
import os
import secrets
import struct
import tempfile
import unittest
from pathlib import Path

from huggingface_hub import (
    HfApi,
    get_session,
    CommitOperationAdd,
    CommitOperationCopy,
    get_hf_file_metadata,
    hf_hub_download,
    hf_hub_url,
    snapshot_download,
)
from huggingface_hub.utils import build_hf_headers

try:  # huggingface_hub >= 0.24 keeps its errors here; older ones in .utils
    from huggingface_hub.errors import (
        EntryNotFoundError,
        HfHubHTTPError,
        RepositoryNotFoundError,
        RevisionNotFoundError,
    )
except ImportError:  # pragma: no cover - only old releases
    from huggingface_hub.utils import (  # type: ignore
        EntryNotFoundError,
        HfHubHTTPError,
        RepositoryNotFoundError,
        RevisionNotFoundError,
    )

ENDPOINT = os.environ["HF_ENDPOINT"]
TOKEN = os.environ["HF_TOKEN"]
READ_TOKEN = os.environ["HF_READ_TOKEN"]
USER = os.environ["HF_USER"]
ORG = os.environ["HF_ORG"]
MB = 1024 * 1024

SUFFIX = secrets.token_hex(3)
MODEL = f"{USER}/py-model-{SUFFIX}"
DATASET = f"{ORG}/py-data-{SUFFIX}"
WORK = Path(tempfile.mkdtemp(prefix="modellibrary-python-"))
CACHE = WORK / "cache"


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(MB), b""):
            digest.update(chunk)
    return digest.hexdigest()


def write_safetensors(path, floats):
    """A real safetensors file: an 8-byte little-endian header length, the JSON header, the data."""
    header = {
        "__metadata__": {"format": "pt"},
        "weight": {"dtype": "F32", "shape": [floats], "data_offsets": [0, 4 * floats]},
    }
    raw = json.dumps(header, separators=(",", ":")).encode()
    raw += b" " * (-len(raw) % 8)
    with open(path, "wb") as out:
        out.write(struct.pack("<Q", len(raw)))
        out.write(raw)
        out.write(os.urandom(4 * floats))


def local_folder():
    """The folder every upload step sends: a 30 MB safetensors file and small text files."""
    folder = WORK / "upload"
    folder.mkdir(parents=True, exist_ok=True)
    write_safetensors(folder / "model.safetensors", 30 * MB // 4)
    (folder / "config.json").write_text(json.dumps({"hidden_size": 64, "layers": 2}) + "\n")
    (folder / "README.md").write_text("---\nlicense: mit\ntags:\n- tiny\n---\n# A tiny model\n")
    (folder / "tokenizer").mkdir(exist_ok=True)
    (folder / "tokenizer" / "vocab.txt").write_text("a\nb\nc\n")
    return folder


class HubClientTest(unittest.TestCase):
    """One scenario in numbered steps; each step relies on the ones before it."""

    api = HfApi(endpoint=ENDPOINT, token=TOKEN)
    anonymous = HfApi(endpoint=ENDPOINT, token=False)
    reader = HfApi(endpoint=ENDPOINT, token=READ_TOKEN)
    folder = None
    first_commit = None

    @classmethod
    def setUpClass(cls):
        cls.folder = local_folder()

    def download(self, filename, repo=MODEL, **kwargs):
        kwargs.setdefault("token", TOKEN)
        return hf_hub_download(repo, filename, endpoint=ENDPOINT, cache_dir=CACHE, **kwargs)

    def test_01_whoami_names_the_user_and_the_organisation(self):
        me = self.api.whoami()
        self.assertEqual(me["name"], USER)
        self.assertIn(ORG, [org["name"] for org in me.get("orgs", [])])

    def test_02_create_repo_and_exist_ok(self):
        url = self.api.create_repo(MODEL, private=False)
        self.assertTrue(str(url).endswith(MODEL), url)
        self.api.create_repo(MODEL, exist_ok=True)
        self.assertTrue(self.api.repo_exists(MODEL))
        self.assertFalse(self.api.repo_exists(f"{USER}/no-such-{SUFFIX}"))
        # as on the Hub, a new repository has an "initial commit" holding .gitattributes, so it downloads at once
        self.assertEqual([c.title for c in self.api.list_repo_commits(MODEL)], ["initial commit"])
        snapshot = Path(snapshot_download(MODEL, cache_dir=WORK / "fresh"))
        self.assertIn("*.safetensors filter=lfs", (snapshot / ".gitattributes").read_text())

    def test_03_upload_folder_makes_one_commit(self):
        info = self.api.upload_folder(repo_id=MODEL, folder_path=self.folder, commit_message="Add the weights")
        HubClientTest.first_commit = info.oid
        self.assertRegex(info.oid, r"^[0-9a-f]{40}$")
        files = sorted(self.api.list_repo_files(MODEL))
        self.assertEqual(files, [".gitattributes", "README.md", "config.json", "model.safetensors", "tokenizer/vocab.txt"])
        commits = self.api.list_repo_commits(MODEL)
        self.assertEqual(commits[0].title, "Add the weights")
        self.assertEqual(commits[0].commit_id, info.oid)

    def test_04_model_info_reads_the_card_and_the_files(self):
        info = self.api.model_info(MODEL, files_metadata=True)
        self.assertEqual(info.id, MODEL)
        self.assertEqual(info.sha, self.first_commit)
        self.assertEqual(info.card_data.get("license"), "mit")
        self.assertIn("tiny", info.tags)
        self.assertIn("license:mit", info.tags)
        sizes = {s.rfilename: s.size for s in info.siblings}
        self.assertEqual(sizes["model.safetensors"], (self.folder / "model.safetensors").stat().st_size)
        lfs = {s.rfilename: s.lfs for s in info.siblings}
        self.assertEqual(lfs["model.safetensors"].sha256, sha256_of(self.folder / "model.safetensors"))

    def test_04b_auth_check_and_unlike(self):
        self.api.auth_check(MODEL)
        self.api.auth_check(MODEL, write=True)
        self.reader.auth_check(MODEL)  # the read token's user cannot write someone else's model
        with self.assertRaises(RepositoryNotFoundError):
            self.api.auth_check(f"{USER}/no-such-{SUFFIX}")
        self.api.unlike(MODEL)  # idempotent: never liked

    def test_05_hf_hub_download_at_main_a_commit_and_a_tag(self):
        expected = sha256_of(self.folder / "model.safetensors")
        self.assertEqual(sha256_of(self.download("model.safetensors")), expected)
        self.assertEqual(sha256_of(self.download("model.safetensors", revision=self.first_commit)), expected)
        self.api.create_tag(MODEL, tag="v1", revision=self.first_commit)
        at_tag = self.download("config.json", revision="v1")
        self.assertEqual(Path(at_tag).read_text(), (self.folder / "config.json").read_text())
        self.assertTrue(self.api.file_exists(MODEL, "tokenizer/vocab.txt"))
        self.assertFalse(self.api.file_exists(MODEL, "tokenizer/missing.txt"))

    def test_06_file_metadata_and_safetensors_header_by_range(self):
        meta = get_hf_file_metadata(hf_hub_url(MODEL, "model.safetensors", endpoint=ENDPOINT), token=TOKEN)
        self.assertEqual(meta.commit_hash, self.first_commit)
        self.assertEqual(meta.etag, sha256_of(self.folder / "model.safetensors"))
        self.assertEqual(meta.size, (self.folder / "model.safetensors").stat().st_size)
        parsed = self.api.get_safetensors_metadata(MODEL)
        self.assertEqual(parsed.files_metadata["model.safetensors"].tensors["weight"].shape, [30 * MB // 4])

    def test_07_snapshot_download_fetches_every_file(self):
        local = Path(snapshot_download(MODEL, revision="v1", endpoint=ENDPOINT, token=TOKEN, cache_dir=CACHE))
        for name in ["README.md", "config.json", "model.safetensors", "tokenizer/vocab.txt"]:
            self.assertEqual(sha256_of(local / name), sha256_of(self.folder / name), name)

    def test_08_branches_refs_and_history(self):
        self.api.create_branch(MODEL, branch="dev")
        self.api.upload_file(path_or_fileobj=b"dev only\n", path_in_repo="notes.txt", repo_id=MODEL,
                             revision="dev", commit_message="Notes on dev")
        refs = self.api.list_repo_refs(MODEL)
        self.assertEqual(sorted(b.name for b in refs.branches), ["dev", "main"])
        self.assertEqual([t.name for t in refs.tags], ["v1"])
        self.assertIn("notes.txt", self.api.list_repo_files(MODEL, revision="dev"))
        self.assertNotIn("notes.txt", self.api.list_repo_files(MODEL))
        self.assertEqual(self.api.list_repo_commits(MODEL, revision="dev")[0].title, "Notes on dev")
        self.api.delete_branch(MODEL, branch="dev")
        self.assertEqual([b.name for b in self.api.list_repo_refs(MODEL).branches], ["main"])

    def test_08b_a_copy_of_an_lfs_file_uploads_nothing(self):
        # CommitOperationCopy sends an lfsFile line without a size (_commit_api.py _prepare_commit_payload)
        # two copies: the client asks paths-info for both sources in one form body (paths=a&paths=b)
        self.api.create_commit(MODEL, operations=[CommitOperationCopy("model.safetensors", "copies/model.safetensors"),
                                                  CommitOperationCopy("config.json", "copies/config.json")],
                               commit_message="Copy the weights")
        expected = sha256_of(self.folder / "model.safetensors")
        self.assertEqual(sha256_of(self.download("copies/model.safetensors")), expected)
        self.assertEqual(Path(self.download("copies/config.json")).read_text(), (self.folder / "config.json").read_text())
        infos = self.api.get_paths_info(MODEL, ["config.json", "model.safetensors", "tokenizer", "missing.txt"])
        self.assertEqual(sorted(i.path for i in infos), ["config.json", "model.safetensors", "tokenizer"])
        self.api.delete_folder("copies", repo_id=MODEL, commit_message="Remove the copy")
        self.assertNotIn("copies/model.safetensors", self.api.list_repo_files(MODEL))

    def test_08c_a_model_card_with_broken_metadata_is_refused_before_any_upload(self):
        # create_commit posts README.md to /api/validate-yaml first (hf_api.py _validate_yaml)
        with self.assertRaisesRegex(ValueError, "Invalid metadata in README.md"):
            self.api.create_commit(MODEL, operations=[CommitOperationAdd("README.md", b"---\nlicense: [mit\n---\n# Broken\n"),
                                                      CommitOperationAdd("broken.txt", b"never\n")],
                                   commit_message="Broken card")
        self.assertNotIn("broken.txt", self.api.list_repo_files(MODEL))

    def test_09_a_stale_parent_commit_is_refused(self):
        self.api.upload_file(path_or_fileobj=b"second\n", path_in_repo="second.txt", repo_id=MODEL)
        with self.assertRaises(HfHubHTTPError) as refused:
            self.api.create_commit(MODEL, operations=[CommitOperationAdd("third.txt", b"third\n")],
                                   commit_message="Stale", parent_commit=self.first_commit)
        self.assertEqual(refused.exception.response.status_code, 412)
        self.assertNotIn("third.txt", self.api.list_repo_files(MODEL))

    def test_10_errors_in_the_clients_own_classes(self):
        with self.assertRaises(EntryNotFoundError):
            self.download("missing.bin")
        with self.assertRaises(RevisionNotFoundError):
            self.download("config.json", revision="no-such-branch")
        with self.assertRaises(RepositoryNotFoundError):
            self.download("config.json", repo=f"{USER}/no-such-{SUFFIX}")

    def test_11_private_dataset_in_the_organisation(self):
        self.api.create_repo(DATASET, repo_type="dataset", private=True)
        self.api.upload_file(path_or_fileobj=b"a,b\n1,2\n", path_in_repo="data/train.csv", repo_id=DATASET,
                             repo_type="dataset", commit_message="Add the data")
        self.assertTrue(self.api.dataset_info(DATASET).private)
        self.assertIn(DATASET, [d.id for d in self.api.list_datasets(author=ORG)])
        read = hf_hub_download(DATASET, "data/train.csv", repo_type="dataset", endpoint=ENDPOINT,
                               token=READ_TOKEN, cache_dir=CACHE)
        self.assertEqual(Path(read).read_bytes(), b"a,b\n1,2\n")
        local = Path(snapshot_download(DATASET, repo_type="dataset", endpoint=ENDPOINT, token=TOKEN,
                                       cache_dir=CACHE))
        self.assertEqual((local / "data" / "train.csv").read_bytes(), b"a,b\n1,2\n")

    def test_12_private_means_absent_without_a_token_and_read_only_with_a_read_token(self):
        with self.assertRaises(RepositoryNotFoundError):
            self.anonymous.dataset_info(DATASET)
        with self.assertRaises(RepositoryNotFoundError):
            hf_hub_download(DATASET, "data/train.csv", repo_type="dataset", endpoint=ENDPOINT, token=False,
                            cache_dir=WORK / "anonymous-cache")
        self.assertNotIn(DATASET, [d.id for d in self.anonymous.list_datasets(author=ORG)])
        with self.assertRaises(HfHubHTTPError) as refused:
            self.reader.upload_file(path_or_fileobj=b"no\n", path_in_repo="no.txt", repo_id=DATASET,
                                    repo_type="dataset")
        self.assertIn(refused.exception.response.status_code, (401, 403))
        self.assertNotIn("no.txt", self.api.list_repo_files(DATASET, repo_type="dataset"))

    def test_13_list_models_by_author(self):
        self.assertIn(MODEL, [m.id for m in self.api.list_models(author=USER)])
        full = {m.id: m for m in self.api.list_models(author=USER, full=True)}[MODEL]
        self.assertEqual(full.sha, self.api.model_info(MODEL).sha)
        self.assertIn("config.json", [s.rfilename for s in full.siblings])

    def test_13b_likes_lists_and_card_data_in_lists(self):
        # huggingface_hub has unlike() but no like(): the Hub's own route, with the client's session and headers
        for route in (f"models/{MODEL}", f"datasets/{DATASET}"):
            get_session().post(f"{ENDPOINT}/api/{route}/like", headers=build_hf_headers(token=TOKEN)).raise_for_status()
        mine = self.api.list_liked_repos()  # no user: the token's, through whoami
        self.assertEqual((mine.user, mine.models, mine.datasets, mine.total), (USER, [MODEL], [DATASET], 2))
        seen_by_anyone = self.anonymous.list_liked_repos(USER)
        self.assertEqual((seen_by_anyone.models, seen_by_anyone.datasets, seen_by_anyone.total), ([MODEL], [], 1))
        likers = list(self.anonymous.list_repo_likers(MODEL))
        self.assertEqual([u.username for u in likers], [USER])
        self.assertEqual([u.username for u in self.api.list_repo_likers(DATASET, repo_type="dataset")], [USER])
        with self.assertRaises(RepositoryNotFoundError):
            list(self.anonymous.list_repo_likers(DATASET, repo_type="dataset"))
        cards = {m.id: m.card_data for m in self.api.list_models(author=USER, cardData=True)}
        self.assertEqual(cards[MODEL].get("license"), "mit")
        self.assertIsNone(next(m for m in self.api.list_models(author=USER) if m.id == MODEL).card_data)
        self.api.upload_file(path_or_fileobj=b"---\nlicense: cc-by-4.0\n---\n# Data\n", path_in_repo="README.md",
                             repo_id=DATASET, repo_type="dataset", commit_message="Add the card")
        datasets = {d.id: d.card_data for d in self.api.list_datasets(author=ORG, full=True)}
        self.assertEqual(datasets[DATASET].get("license"), "cc-by-4.0")

    def test_14_pull_requests_are_refused_clearly(self):
        with self.assertRaises(HfHubHTTPError) as refused:
            self.api.upload_file(path_or_fileobj=b"pr\n", path_in_repo="pr.txt", repo_id=MODEL, create_pr=True)
        self.assertTrue(400 <= refused.exception.response.status_code < 500)

    def test_14b_gating_and_squashing_are_refused_and_change_nothing(self):
        with self.assertRaises(HfHubHTTPError) as refused:
            self.api.update_repo_settings(MODEL, gated="manual")
        self.assertEqual(refused.exception.response.status_code, 400)
        self.assertFalse(self.api.model_info(MODEL).gated)
        commits = len(self.api.list_repo_commits(MODEL))
        with self.assertRaises(HfHubHTTPError) as squash:
            self.api.super_squash_history(MODEL)
        self.assertEqual(squash.exception.response.status_code, 400)
        self.assertIn("not supported", str(squash.exception))
        self.assertEqual(len(self.api.list_repo_commits(MODEL)), commits)

    def test_15_move_then_delete(self):
        moved = f"{USER}/py-moved-{SUFFIX}"
        self.api.move_repo(MODEL, moved)
        self.assertEqual(self.api.model_info(moved).id, moved)
        self.api.delete_repo(moved)
        self.api.delete_repo(DATASET, repo_type="dataset")
        self.assertFalse(self.api.repo_exists(moved))
        self.assertFalse(self.api.repo_exists(DATASET, repo_type="dataset"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
