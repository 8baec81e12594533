// The sha256 of a file for the upload page (upload.js), off the page's thread: read in slices of
// 8 MiB and hashed incrementally by js-sha256 (vendored, MIT; Web Crypto's digest is not
// incremental and would need the whole file in memory). Posts {read} after each slice, then {sha256}.
/* global sha256 */
importScripts('vendor/js-sha256/sha256.min.js');

var SLICE = 8 * 1024 * 1024;

self.onmessage = function (e) {
    var file = e.data.file;
    var hash = sha256.create();
    var reader = new FileReaderSync();
    for (var offset = 0; offset < file.size; offset += SLICE) {
        hash.update(reader.readAsArrayBuffer(file.slice(offset, offset + SLICE)));
        self.postMessage({read: Math.min(file.size, offset + SLICE)});
    }
    self.postMessage({sha256: hash.hex()});
};
