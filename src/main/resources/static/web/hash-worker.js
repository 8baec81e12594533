// The sha256 of a file for the upload page (upload.js), off the page's thread: a module worker
// that reads the file in slices of 8 MiB and hashes them incrementally with @noble/hashes 2.4.0
// (vendored under vendor/noble-hashes, MIT, audited). Web Crypto's digest is not incremental: it
// would need the whole file in memory. Posts {read} (bytes) after each slice, then {sha256} (hex).
import { sha256 } from './vendor/noble-hashes/sha2.js';
import { bytesToHex } from './vendor/noble-hashes/utils.js';

const SLICE = 8 * 1024 * 1024;

self.onmessage = (e) => {
    const file = e.data.file;
    const hash = sha256.create();
    const reader = new FileReaderSync();
    for (let offset = 0; offset < file.size; offset += SLICE) {
        hash.update(new Uint8Array(reader.readAsArrayBuffer(file.slice(offset, offset + SLICE))));
        self.postMessage({ read: Math.min(file.size, offset + SLICE) });
    }
    self.postMessage({ sha256: bytesToHex(hash.digest()) });
};
