// The upload page, enhanced: drop files and whole folders, see a progress bar per file and
// overall, cancel. Sends the same multipart form as the plain page (message, path, then one
// "file" part per file named by its path), by XMLHttpRequest for upload progress.
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
    var submit = document.getElementById('upload-button');
    var cancel = document.getElementById('cancel-button');
    var csrfHeader = document.querySelector('meta[name=csrf-header]');
    var csrfToken = document.querySelector('meta[name=csrf-token]');
    var chosen = [];   // {file, path, bar, text}
    var xhr = null;

    zone.hidden = false;

    function pathOf(file) {
        return file.webkitRelativePath || file.name;
    }

    function add(file, path) {
        if (chosen.some(function (c) { return c.path === path; })) {
            return;
        }
        var li = document.createElement('li');
        var name = document.createElement('span');
        name.className = 'name';
        name.textContent = path + ' (' + size(file.size) + ')';
        var bar = document.createElement('progress');
        bar.max = 100;
        bar.value = 0;
        bar.setAttribute('aria-label', 'Progress of ' + path);
        var text = document.createElement('span');
        text.className = 'percent';
        text.textContent = '0 %';
        li.append(name, bar, text);
        list.appendChild(li);
        chosen.push({file: file, path: path, bar: bar, text: text});
        progress.hidden = false;
        status.textContent = chosen.length + (chosen.length === 1 ? ' file' : ' files') + ' ready to upload.';
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

    function show(entry, percent) {
        entry.bar.value = percent;
        entry.text.textContent = percent + ' %';
    }

    function finish(ok) {
        xhr = null;
        submit.disabled = false;
        cancel.hidden = true;
        form.setAttribute('aria-busy', 'false');
        if (!ok) {
            status.className = 'error-message';
        }
    }

    form.addEventListener('submit', function (e) {
        if (!chosen.length) {
            return; // nothing chosen through the script: let the plain form report it
        }
        e.preventDefault();
        var data = new FormData();
        data.append('message', document.getElementById('message').value);
        data.append('path', document.getElementById('path').value);
        var starts = [];
        var total = 0;
        chosen.forEach(function (c) {
            starts.push(total);
            total += c.file.size;
            data.append('file', c.file, c.path);
        });
        xhr = new XMLHttpRequest();
        xhr.open('POST', form.action);
        xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
        if (csrfHeader && csrfToken) {
            xhr.setRequestHeader(csrfHeader.content, csrfToken.content);
        }
        xhr.upload.addEventListener('progress', function (ev) {
            if (!ev.lengthComputable) {
                return;
            }
            var sent = total * ev.loaded / ev.total;
            var overall = Math.min(99, Math.floor(100 * ev.loaded / ev.total));
            overallBar.value = overall;
            overallText.textContent = overall + ' %';
            chosen.forEach(function (c, i) {
                var done = c.file.size === 0 ? (sent >= starts[i] ? 1 : 0)
                    : Math.max(0, Math.min(1, (sent - starts[i]) / c.file.size));
                show(c, Math.min(ev.loaded === ev.total ? 100 : 99, Math.floor(done * 100)));
            });
        });
        xhr.addEventListener('load', function () {
            if (xhr.status >= 200 && xhr.status < 300) {
                var answer = JSON.parse(xhr.responseText);
                chosen.forEach(function (c) { show(c, 100); });
                overallBar.value = 100;
                overallText.textContent = '100 %';
                status.textContent = '';
                var link = document.createElement('a');
                link.href = answer.location;
                link.textContent = 'View the files';
                status.append(answer.changed ? 'Uploaded and committed ' + answer.commit.substring(0, 7) + '. '
                    : 'Nothing changed: the files were already there. ', link);
                status.className = 'done';
                finish(true);
            } else {
                var message = 'The upload failed (HTTP ' + xhr.status + ')';
                var page = new DOMParser().parseFromString(xhr.responseText || '', 'text/html');
                var detail = page.querySelector('.error-message');
                status.textContent = message + (detail ? ': ' + detail.textContent : '.');
                finish(false);
            }
        });
        xhr.addEventListener('error', function () {
            status.textContent = 'The upload failed: the connection was lost.';
            finish(false);
        });
        xhr.addEventListener('abort', function () {
            status.textContent = 'Upload cancelled; nothing was committed.';
            chosen.forEach(function (c) { show(c, 0); });
            overallBar.value = 0;
            overallText.textContent = '0 %';
            finish(false);
        });
        submit.disabled = true;
        cancel.hidden = false;
        form.setAttribute('aria-busy', 'true');
        status.className = '';
        status.textContent = 'Uploading…';
        xhr.send(data);
    });

    cancel.addEventListener('click', function () {
        if (xhr) {
            xhr.abort();
        }
    });
})();
