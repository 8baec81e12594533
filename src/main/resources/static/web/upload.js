// The upload page, enhanced: drop files and whole folders, see a progress bar per file and
// overall, cancel. Sends the same multipart form as the plain page (message, path, then one
// "file" part per file named by its path), by XMLHttpRequest for upload progress.
//
// Large files (above the form's data-lfs-above, two Git LFS parts: 32 MB by default) go first
// through the repository's Git LFS batch API in parts (the Hub's "multipart" transfer), then the
// form names them in "lfsFile" fields ("<sha256> <size> <path>") and the server commits them with
// the small files, in one commit. Their upload can be continued after a cancel, a dropped
// connection or a reload: the server keeps the parts it received whole for 24 hours and its batch
// answer lists them (upload.stored_parts), so only the others are sent. The browser remembers
// each large file's sha256 in localStorage (by name, size and last modification), so that the
// same file chosen again after a reload is not read twice; a closed tab cannot give the file
// back by itself: its user chooses it again. The sha256 is computed in a module Worker
// (hash-worker.js, @noble/hashes incrementally: Web Crypto's digest takes the whole file at once);
// where the browser cannot run it, the file goes in the form as before (not resumable).
(function () {
    'use strict';
    var form = document.getElementById('upload-form');
    if (!form || !window.FormData || !window.XMLHttpRequest) {
        return;
    }
    var zone = document.getElementById('drop-zone');
    var filesInput = document.getElementById('files');
    var folderInput = document.getElementById('folder');
    var progress = document.getElementById('progress');
    var list = document.getElementById('file-list');
    var overallBar = document.getElementById('overall-bar');
    var overallText = document.getElementById('overall-text');
    var status = document.getElementById('upload-status');
    var unfinished = document.getElementById('unfinished');
    var submit = document.getElementById('upload-button');
    var cancel = document.getElementById('cancel-button');
    var csrfHeader = document.querySelector('meta[name=csrf-header]');
    var csrfToken = document.querySelector('meta[name=csrf-token]');
    var lfsBatch = form.getAttribute('data-lfs-batch');
    var lfsAbove = Number(form.getAttribute('data-lfs-above') || 0);
    // The server's limit per file (it refuses a larger one with 413 too): refused here before any byte is sent.
    var maxFileBytes = Number(form.getAttribute('data-max-file-bytes') || 0);
    var maxFileSize = form.getAttribute('data-max-file-size');
    var hashWorker = form.getAttribute('data-hash-worker');
    var resumable = !!(lfsBatch && lfsAbove > 0 && hashWorker && window.Worker && window.Promise);
    var LFS = 'application/vnd.git-lfs+json';
    var MEMORY = 'ml-upload:';
    var KEPT_MS = 24 * 3600 * 1000; // the server keeps parts 24 h after the last one (LfsObjects.PART_AGE)
    var chosen = [];   // {file, path, bar, text, note, done (bytes), oid}
    var refused = [];  // why files chosen were not added (over the limit), until the next upload
    var running = null; // what Cancel stops: {abort()}
    var cancelled = false;

    zone.hidden = false;

    // ---- What the browser remembers of large files: sha256 and parts sent, by name, size and date.

    function memoryKey(file) {
        return MEMORY + file.name + '|' + file.size + '|' + file.lastModified;
    }

    function recall(file) {
        try {
            var record = JSON.parse(window.localStorage.getItem(memoryKey(file)));
            return record && Date.now() - record.at < KEPT_MS ? record : null;
        } catch (e) {
            return null; // no storage (a private window may refuse it): the file is hashed again
        }
    }

    function remember(file, record) {
        record.at = Date.now();
        record.page = location.pathname;
        record.name = file.name;
        record.size = file.size;
        try {
            window.localStorage.setItem(memoryKey(file), JSON.stringify(record));
        } catch (e) {
            // full or refused: resuming then needs the file read again, nothing else changes
        }
    }

    function forget(file) {
        try {
            window.localStorage.removeItem(memoryKey(file));
        } catch (e) {
            // nothing to forget
        }
    }

    /** Lists this page's unfinished large uploads (and drops those past the server's 24 h). */
    function showUnfinished() {
        var items = [];
        try {
            for (var i = window.localStorage.length - 1; i >= 0; i--) {
                var key = window.localStorage.key(i);
                if (key && key.indexOf(MEMORY) === 0) {
                    var record = JSON.parse(window.localStorage.getItem(key));
                    if (!record || Date.now() - record.at >= KEPT_MS) {
                        window.localStorage.removeItem(key);
                    } else if (record.page === location.pathname && record.parts) {
                        items.push(record);
                    }
                }
            }
        } catch (e) {
            return;
        }
        if (!items.length) {
            return;
        }
        var text = document.createElement('p');
        text.textContent = 'Unfinished upload' + (items.length > 1 ? 's' : '') + ' of large files. Choose the same file'
            + (items.length > 1 ? 's' : '') + ' again to continue where ' + (items.length > 1 ? 'they' : 'it') + ' stopped:';
        var names = document.createElement('ul');
        items.forEach(function (record) {
            var li = document.createElement('li');
            li.textContent = record.name + ' (' + size(record.size) + '): ' + 'at least ' + record.parts + ' of ' + record.count + ' parts sent (the server says how many when it continues)';
            names.appendChild(li);
        });
        unfinished.replaceChildren(text, names);
        unfinished.hidden = false;
    }

    // ---- Choosing files.

    function pathOf(file) {
        return file.webkitRelativePath || file.name;
    }

    function add(file, path) {
        if (chosen.some(function (c) { return c.path === path; })) {
            return;
        }
        if (list.getAttribute('data-committed')) {
            list.removeAttribute('data-committed'); // a new upload: the rows of the one committed go
            list.textContent = '';
        }
        if (maxFileBytes > 0 && file.size > maxFileBytes) {
            refused.push(path + ' (' + size(file.size) + ') is larger than the limit of ' + maxFileSize
                + ' per file; it was not added.');
            progress.hidden = false;
            showChosen();
            return;
        }
        var li = document.createElement('li');
        var name = document.createElement('span');
        name.className = 'name';
        name.textContent = path + ' (' + size(file.size) + ')';
        var note = document.createElement('span');
        note.className = 'note muted';
        name.append(' ', note);
        var bar = document.createElement('progress');
        bar.max = 100;
        bar.value = 0;
        bar.setAttribute('aria-label', 'Progress of ' + path);
        var text = document.createElement('span');
        text.className = 'percent';
        text.textContent = '0 %';
        li.append(name, bar, text);
        list.appendChild(li);
        var entry = {file: file, path: path, li: li, bar: bar, text: text, note: note, done: 0, oid: null};
        var record = isLarge(entry) ? recall(file) : null;
        if (record && record.parts) {
            note.textContent = '· continues: at least ' + record.parts + ' of ' + record.count + ' parts sent earlier';
        }
        chosen.push(entry);
        progress.hidden = false;
        if (!running) {
            submit.disabled = false;
        }
        showChosen();
    }

    function showChosen() {
        status.className = refused.length ? 'error-message' : '';
        status.textContent = (chosen.length ? chosen.length + (chosen.length === 1 ? ' file' : ' files')
            + ' ready to upload. ' : '') + refused.join(' ');
    }

    function isLarge(entry) {
        return resumable && entry.file.size > lfsAbove;
    }

    function size(bytes) {
        var units = ['B', 'kB', 'MB', 'GB', 'TB'];
        var i = 0;
        while (bytes >= 1000 && i < units.length - 1) { bytes /= 1000; i++; }
        return (i === 0 ? bytes : bytes.toFixed(1)) + ' ' + units[i];
    }

    function addInput(input) {
        Array.prototype.forEach.call(input.files, function (f) { add(f, pathOf(f)); });
    }
    filesInput.addEventListener('change', function () { addInput(filesInput); });
    folderInput.addEventListener('change', function () { addInput(folderInput); });

    // Folders dropped: walk their entries (readEntries answers in batches until an empty one).
    function walk(entry, prefix) {
        return new Promise(function (resolve) {
            if (entry.isFile) {
                entry.file(function (f) { add(f, prefix + f.name); resolve(); }, function () { resolve(); });
            } else if (entry.isDirectory) {
                var reader = entry.createReader();
                var all = [];
                var more = function () {
                    reader.readEntries(function (entries) {
                        if (!entries.length) {
                            Promise.all(all.map(function (e) { return walk(e, prefix + entry.name + '/'); })).then(resolve);
                            return;
                        }
                        all = all.concat(Array.prototype.slice.call(entries));
                        more();
                    }, function () { resolve(); });
                };
                more();
            } else {
                resolve();
            }
        });
    }

    ['dragenter', 'dragover'].forEach(function (type) {
        zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.add('over'); });
    });
    ['dragleave', 'drop'].forEach(function (type) {
        zone.addEventListener(type, function () { zone.classList.remove('over'); });
    });
    zone.addEventListener('drop', function (e) {
        e.preventDefault();
        var items = e.dataTransfer.items;
        if (items && items.length) {
            // Entries first (folders), files where the browser gives no entry.
            Array.prototype.forEach.call(items, function (item) {
                var entry = item.webkitGetAsEntry ? item.webkitGetAsEntry() : null;
                var file = entry ? null : item.getAsFile();
                if (entry) {
                    walk(entry, '');
                } else if (file) {
                    add(file, file.name);
                }
            });
        } else {
            Array.prototype.forEach.call(e.dataTransfer.files, function (f) { add(f, f.name); });
        }
    });
    zone.addEventListener('click', function () { filesInput.click(); });
    zone.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); filesInput.click(); }
    });

    // ---- Progress: bytes done per file, and of all files.

    function render() {
        var total = 0;
        var done = 0;
        chosen.forEach(function (c) {
            total += c.file.size;
            done += c.done;
            var percent = c.file.size === 0 ? (c.done ? 100 : 0) : Math.floor(100 * c.done / c.file.size);
            c.bar.value = percent;
            c.text.textContent = percent + ' %';
        });
        var overall = total === 0 ? 0 : Math.floor(100 * done / total);
        overallBar.value = overall;
        overallText.textContent = overall + ' %';
    }

    /**
     * After a failure, the bars say so instead of standing at their last percentage: each file's row
     * and the overall bar turn red with `word` ("failed", "cancelled"). With `keepResumable`, a large
     * file whose sent parts are kept for a later resume keeps its percentage (what is sent), and then
     * so does the overall bar.
     */
    function markFailed(word, keepResumable) {
        var kept = false;
        chosen.forEach(function (c) {
            if (keepResumable && isLarge(c) && c.done > 0) {
                kept = true;
                return;
            }
            c.li.classList.add('failed');
            c.text.textContent = word;
        });
        if (!kept) {
            overallBar.classList.add('failed');
            overallText.classList.add('failed');
            overallText.textContent = word;
        }
    }

    /** A new attempt: no row is marked failed any more. */
    function clearFailed() {
        chosen.forEach(function (c) { c.li.classList.remove('failed'); });
        overallBar.classList.remove('failed');
        overallText.classList.remove('failed');
    }

    function finish(ok) {
        running = null;
        submit.disabled = false;
        cancel.hidden = true;
        form.setAttribute('aria-busy', 'false');
        if (!ok) {
            status.className = 'error-message';
        }
    }

    // ---- Requests.

    /**
     * One request; resolves with the XMLHttpRequest on 2xx, rejects with {status, message} (status 0:
     * the connection was lost; aborted: cancelled). onProgress gets the bytes of the body sent so far.
     */
    function send(method, url, body, headers, onProgress) {
        return new Promise(function (resolve, reject) {
            var xhr = new XMLHttpRequest();
            xhr.open(method, url);
            Object.keys(headers || {}).forEach(function (name) { xhr.setRequestHeader(name, headers[name]); });
            if (onProgress) {
                xhr.upload.addEventListener('progress', function (ev) { onProgress(ev.loaded, ev.total); });
            }
            xhr.addEventListener('load', function () {
                if (xhr.status >= 200 && xhr.status < 300) {
                    resolve(xhr);
                } else {
                    reject({status: xhr.status, message: reason(xhr)});
                }
            });
            xhr.addEventListener('error', function () { reject({status: 0}); });
            xhr.addEventListener('abort', function () { reject({aborted: true}); });
            running = xhr;
            xhr.send(body);
        });
    }

    /** The server's reason: the "message" of a JSON error (LFS, API), or the error page's text. */
    function reason(xhr) {
        var text = xhr.responseText || '';
        try {
            var json = JSON.parse(text);
            return json.message || json.error || '';
        } catch (e) {
            // The error page's message (error-page.html); not its first paragraph, which is the status code.
            var page = new DOMParser().parseFromString(text, 'text/html');
            var detail = page.querySelector('.error-message') || page.querySelector('main h1');
            return detail ? detail.textContent.trim() : '';
        }
    }

    function withCsrf(headers) {
        if (csrfHeader && csrfToken) {
            headers[csrfHeader.content] = csrfToken.content;
        }
        return headers;
    }

    /** The sha256 of a large file, in a Worker, or from the browser's memory of it. */
    function sha256Of(c) {
        var record = recall(c.file);
        if (record && record.sha256) {
            return Promise.resolve(record.sha256);
        }
        return new Promise(function (resolve, reject) {
            var worker = new Worker(hashWorker, {type: 'module'});
            running = {abort: function () { worker.terminate(); reject({aborted: true}); }};
            worker.onmessage = function (e) {
                if (e.data.sha256) {
                    worker.terminate();
                    remember(c.file, {sha256: e.data.sha256, parts: 0, count: 0});
                    c.note.textContent = '';
                    resolve(e.data.sha256);
                } else {
                    c.note.textContent = '· checking its sha256: ' + Math.floor(100 * e.data.read / c.file.size) + ' %';
                }
            };
            worker.onerror = function () {
                worker.terminate();
                c.note.textContent = '';
                reject({viaForm: true}); // no module worker here (or the file cannot be read): the form sends it
            };
            worker.postMessage({file: c.file});
        });
    }

    /** The batch API's answer for one object (session cookie and CSRF token, as every form of the pages). */
    function batch(oid, bytes) {
        var body = JSON.stringify({operation: 'upload', transfers: ['basic', 'multipart'], hash_algo: 'sha256',
            objects: [{oid: oid, size: bytes}]});
        return send('POST', lfsBatch, body, withCsrf({'Content-Type': LFS, 'Accept': LFS})).then(function (xhr) {
            var object = JSON.parse(xhr.responseText).objects[0];
            if (object.error) {
                throw {status: object.error.code, message: object.error.message};
            }
            return {transfer: JSON.parse(xhr.responseText).transfer, upload: object.actions && object.actions.upload};
        });
    }

    /**
     * Sends a large file through Git LFS: its sha256, the batch, then the parts the server does not
     * hold yet (one at a time) and the completion. A part URL that expired (403, after an hour) or
     * a completion whose whole is not the file (the file changed since its sha256 was computed:
     * the server then drops the parts) starts again from the batch, at most three times.
     */
    function sendLarge(c, attempt) {
        return sha256Of(c).then(function (oid) {
            c.oid = oid;
            return batch(oid, c.file.size);
        }).then(function (answer) {
            if (!answer.upload) {
                c.done = c.file.size; // stored already (this file, or the same content from anyone)
                render();
                return null;
            }
            if (answer.transfer !== 'multipart') {
                return send('PUT', answer.upload.href, c.file, {}, function (loaded) { c.done = loaded; render(); });
            }
            return sendParts(c, answer.upload);
        }).catch(function (failure) {
            if (failure.viaForm) {
                c.viaForm = true;
                return null;
            }
            if (cancelled || failure.aborted || attempt >= 2 || !(failure.status === 403 || failure.status === 400)) {
                throw failure;
            }
            if (failure.status === 400) {
                forget(c.file); // the parts were dropped: compute the sha256 again and send them all
            }
            return sendLarge(c, attempt + 1);
        });
    }

    function sendParts(c, upload) {
        var chunk = Number(upload.header.chunk_size);
        var count = Math.ceil(c.file.size / chunk);
        var urls = {};
        Object.keys(upload.header).forEach(function (key) {
            if (/^[0-9]+$/.test(key)) { urls[Number(key)] = upload.header[key]; }
        });
        var etags = {};
        (upload.stored_parts || []).forEach(function (p) { etags[p.partNumber] = p.etag; });
        var kept = Object.keys(etags).length;
        c.note.textContent = kept ? '· continued: ' + kept + ' of ' + count + ' parts were sent earlier' : '';
        var sent = function () {
            var bytes = 0;
            Object.keys(etags).forEach(function (n) { bytes += Math.min(chunk, c.file.size - (n - 1) * chunk); });
            return bytes;
        };
        var next = function (n) {
            while (n <= count && etags[n]) { n++; }
            if (n > count) {
                return null;
            }
            var base = sent();
            var start = (n - 1) * chunk;
            return send('PUT', urls[n], c.file.slice(start, Math.min(c.file.size, start + chunk)), {}, function (loaded) {
                c.done = base + loaded;
                render();
            }).then(function (xhr) {
                etags[n] = (xhr.getResponseHeader('ETag') || '').replace(/"/g, '');
                c.done = sent();
                render();
                remember(c.file, {sha256: c.oid, parts: Object.keys(etags).length, count: count});
                return next(n + 1);
            });
        };
        c.done = sent();
        render();
        return Promise.resolve(next(1)).then(function () {
            var parts = [];
            for (var n = 1; n <= count; n++) { parts.push({partNumber: n, etag: etags[n]}); }
            return send('POST', upload.href, JSON.stringify({oid: c.oid, parts: parts}), {'Content-Type': LFS, 'Accept': LFS});
        });
    }

    /** The form: message, folder, the large files by their LFS object, the small files themselves. */
    function sendForm(large, small) {
        var data = new FormData();
        data.append('message', document.getElementById('message').value);
        data.append('path', document.getElementById('path').value);
        large.forEach(function (c) { data.append('lfsFile', c.oid + ' ' + c.file.size + ' ' + c.path); });
        var starts = [];
        var total = 0;
        small.forEach(function (c) {
            starts.push(total);
            total += c.file.size;
            data.append('file', c.file, c.path);
        });
        var headers = withCsrf({'X-Requested-With': 'XMLHttpRequest'});
        return send('POST', form.action, data, headers, function (loaded, length) {
            var bytes = length ? total * loaded / length : 0;
            small.forEach(function (c, i) {
                // Below its size until the server answers: the last bytes sent are not yet committed.
                c.done = Math.max(0, Math.min(c.file.size - (c.file.size ? 1 : 0), bytes - starts[i]));
            });
            render();
        }).then(function (xhr) { return JSON.parse(xhr.responseText); });
    }

    function upload() {
        var large = chosen.filter(isLarge);
        var small = chosen.filter(function (c) { return !isLarge(c); });
        chosen.forEach(function (c) { c.done = 0; });
        clearFailed();
        render();
        var chain = Promise.resolve();
        large.forEach(function (c) {
            chain = chain.then(function () {
                status.textContent = 'Uploading ' + c.path + '…';
                return sendLarge(c, 0);
            });
        });
        return chain.then(function () {
            var byForm = large.filter(function (c) { return c.viaForm; });
            status.textContent = byForm.length || !large.length ? 'Uploading…' : 'Committing…';
            return sendForm(large.filter(function (c) { return !c.viaForm; }), small.concat(byForm));
        }).then(function (answer) {
            large.forEach(function (c) { forget(c.file); });
            chosen.forEach(function (c) { c.done = c.file.size; c.note.textContent = ''; });
            render();
            overallBar.value = 100;
            overallText.textContent = '100 %';
            var link = document.createElement('a');
            link.href = answer.location;
            link.textContent = 'View the files';
            status.textContent = '';
            status.append(answer.changed ? 'Uploaded and committed ' + answer.commit.substring(0, 7) + '. '
                : 'Nothing changed: the files were already there. ', link);
            status.className = 'done';
            unfinished.hidden = true;
            finish(true);
            // The files are committed: nothing stays chosen for a second press (their rows stay, at 100 %,
            // until another file is chosen).
            chosen = [];
            filesInput.value = '';
            folderInput.value = '';
            list.setAttribute('data-committed', 'true');
            submit.disabled = true;
        });
    }

    function failed(failure) {
        var resumes = chosen.some(function (c) { return isLarge(c) && c.done > 0 && c.done < c.file.size; });
        var again = resumes ? ' The parts of large files already sent are kept for 24 hours: press Commit upload'
            + ' (or, after a reload, choose the same files) to continue where it stopped.' : '';
        if (cancelled || failure.aborted) {
            status.textContent = 'Upload cancelled; nothing was committed.' + again;
            markFailed('cancelled', true);
        } else if (failure.status === 0) {
            status.textContent = 'The upload failed: the connection was lost.' + again;
            markFailed('failed', true);
        } else if (failure.status === undefined) {
            status.textContent = 'The upload failed: ' + (failure.message || failure) + '.';
            markFailed('failed', false);
        } else {
            status.textContent = 'The upload failed (HTTP ' + failure.status + ')' + (failure.message ? ': ' + failure.message : '.') + again;
            markFailed('failed', false); // refused: nothing was committed, whatever was sent
        }
        finish(false);
    }

    form.addEventListener('submit', function (e) {
        if (!chosen.length) {
            return; // nothing chosen through the script: let the plain form report it
        }
        e.preventDefault();
        cancelled = false;
        refused = [];
        submit.disabled = true;
        cancel.hidden = false;
        form.setAttribute('aria-busy', 'true');
        status.className = '';
        status.textContent = 'Uploading…';
        upload().catch(failed);
    });

    cancel.addEventListener('click', function () {
        cancelled = true;
        if (running) {
            running.abort();
        }
    });

    if (resumable) {
        showUnfinished();
    }
})();
