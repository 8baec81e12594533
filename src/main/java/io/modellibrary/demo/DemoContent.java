package io.modellibrary.demo;

import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoType;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The small, real-looking files of a demo repository, as three commits: "Initial commit"
 * ({@code .gitattributes} and a Hugging Face model or dataset card whose YAML front matter
 * comes from the repository's facets), then a model's {@code config.json} with a tokenizer
 * or preprocessor config and a tiny {@code model.safetensors}, or a dataset's {@code data/}
 * files, and last a commit whose message is the catalogue's {@code lastModifiedInformation},
 * dated {@code lastModified} (the earlier ones between creation and then). A pure function
 * of the repository: seeded by its name, so every first start writes the same content.
 */
final class DemoContent {

    /** One commit to make: its message, its time and the files it writes (path to bytes). */
    record Commit(String message, Instant time, Map<String, byte[]> files) {
    }

    private static final JsonMapper COMPACT = JsonMapper.builder().build();
    /** As Python's {@code json.dump(indent=2)} writes configs: {@code "key": value}. */
    private static final ObjectWriter PRETTY = COMPACT.writer().with(new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectNameValueSpacing(Separators.Spacing.AFTER)
                    )
            .withArrayIndenter(new DefaultIndenter("  ", "\n")).withObjectIndenter(new DefaultIndenter("  ", "\n")));

    /** Libraries named as {@code library_name} before the others, as the Hub does. */
    private static final List<String> MAIN_LIBRARIES = List.of("Transformers", "Diffusers", "Sentence Transformers",
            "Timm", "PEFT", "SpeechBrain", "ESPnet", "NeMo", "spaCy", "Flair", "Keras", "GGUF");

    private static final String GITATTRIBUTES = String.join("\n",
            "*.bin filter=lfs diff=lfs merge=lfs -text",
            "*.safetensors filter=lfs diff=lfs merge=lfs -text",
            "*.onnx filter=lfs diff=lfs merge=lfs -text",
            "*.parquet filter=lfs diff=lfs merge=lfs -text",
            "*.pt filter=lfs diff=lfs merge=lfs -text",
            "*.h5 filter=lfs diff=lfs merge=lfs -text",
            "*.gguf filter=lfs diff=lfs merge=lfs -text",
            "*.zip filter=lfs diff=lfs merge=lfs -text", "");

    private static final String[][] LANGUAGE_CODES = {
            {"English", "en"}, {"Chinese", "zh"}, {"Spanish", "es"}, {"French", "fr"}, {"German", "de"},
            {"Japanese", "ja"}, {"Korean", "ko"}, {"Russian", "ru"}, {"Portuguese", "pt"}, {"Italian", "it"},
            {"Dutch", "nl"}, {"Arabic", "ar"}, {"Hindi", "hi"}, {"Bengali", "bn"}, {"Urdu", "ur"},
            {"Turkish", "tr"}, {"Vietnamese", "vi"}, {"Thai", "th"}, {"Indonesian", "id"}, {"Malay", "ms"},
            {"Persian", "fa"}, {"Polish", "pl"}, {"Ukrainian", "uk"}, {"Czech", "cs"}, {"Swedish", "sv"},
            {"Danish", "da"}, {"Norwegian", "no"}, {"Finnish", "fi"}, {"Estonian", "et"}, {"Latvian", "lv"},
            {"Lithuanian", "lt"}, {"Greek", "el"}, {"Hebrew", "he"}, {"Hungarian", "hu"}, {"Romanian", "ro"},
            {"Bulgarian", "bg"}, {"Serbian", "sr"}, {"Croatian", "hr"}, {"Slovak", "sk"}, {"Slovenian", "sl"},
            {"Catalan", "ca"}, {"Basque", "eu"}, {"Tamil", "ta"}, {"Telugu", "te"}, {"Marathi", "mr"},
            {"Gujarati", "gu"}, {"Swahili", "sw"}, {"Yoruba", "yo"}, {"Amharic", "am"}, {"Filipino", "tl"},
            {"Multilingual", "multilingual"}};

    private static final String[] LICENSES = {"apache-2.0", "mit", "apache-2.0", "cc-by-4.0", "openrail",
            "bsd-3-clause", "cc-by-sa-4.0", "apache-2.0", "llama2", "other"};

    private final Repo repo;
    private final Random random;
    private final String name;
    private final String shortName;
    private final String task;
    private final Map<String, List<String>> facets;

    private DemoContent(Repo repo) {
        this.repo = repo;
        this.name = repo.getName();
        this.shortName = name.contains("/") ? name.substring(name.indexOf('/') + 1) : name;
        this.random = new Random(name.toLowerCase(Locale.ROOT).hashCode() * 31L + 20230509L);
        this.facets = repo.getActiveFilters();
        List<String> tasks = facets.getOrDefault("task", List.of());
        this.task = tasks.isEmpty() ? "Feature Extraction" : tasks.get(0);
    }

    /** The commits that give {@code repo} its content, oldest first. */
    static List<Commit> of(Repo repo) {
        return new DemoContent(repo).commits();
    }

    private List<Commit> commits() {
        Instant last = repo.getLastModified();
        Instant first = repo.getCreatedAt() != null && repo.getCreatedAt().isBefore(last) ? repo.getCreatedAt()
                : last.minus(Duration.ofDays(30));
        long span = Duration.between(first, last).toMinutes();
        Instant middle = first.plus(Duration.ofMinutes(span / 3 + random.nextInt((int) Math.max(1, span / 3))));
        String finalMessage = repo.getLastModifiedInformation() == null ? "Update README.md" : repo.getLastModifiedInformation();
        boolean readmeLast = finalMessage.equals("Update README.md");
        String license = license();

        Map<String, byte[]> initial = new LinkedHashMap<>();
        initial.put(".gitattributes", utf8(GITATTRIBUTES));
        initial.put("README.md", utf8(card(license, false)));

        Map<String, byte[]> second = new LinkedHashMap<>();
        Map<String, byte[]> third = new LinkedHashMap<>();
        String secondMessage;
        if (repo.repoType() == RepoType.MODEL) {
            second.put(configName(), json(config()));
            auxiliary(second);
            (readmeLast ? second : third).put(weightsPath(), safetensors());
            secondMessage = readmeLast ? "Add model files" : "Add " + enumerate(List.copyOf(second.keySet()));
        } else {
            String ext = random.nextBoolean() ? "csv" : "jsonl";
            second.put("data/train." + ext, utf8(rows(ext, true)));
            (readmeLast ? second : third).put("data/test." + ext, utf8(rows(ext, false)));
            secondMessage = readmeLast ? "Upload data files" : "Add data/train." + ext;
        }
        if (readmeLast) {
            third.put("README.md", utf8(card(license, true)));
        } else if (third.isEmpty()) {
            third.put("README.md", utf8(card(license, true)));
        }
        return List.of(new Commit("Initial commit", first, initial),
                new Commit(secondMessage, middle, second),
                new Commit(finalMessage, last, third));
    }

    // ---- the card ----

    private String card(String license, boolean complete) {
        StringBuilder s = new StringBuilder("---\n");
        s.append("license: ").append(license).append('\n');
        List<String> languages = facets.getOrDefault("language", List.of()).stream().map(DemoContent::languageCode).toList();
        list(s, "language", languages);
        boolean model = repo.repoType() == RepoType.MODEL;
        List<String> tags = new ArrayList<>();
        if (model) {
            List<String> libraries = new ArrayList<>(facets.getOrDefault("library", List.of()));
            libraries.sort(java.util.Comparator.comparing(l -> !MAIN_LIBRARIES.contains(l))); // stable: else as listed
            if (!libraries.isEmpty()) {
                s.append("library_name: ").append(slug(libraries.get(0))).append('\n');
            }
            libraries.stream().skip(1).map(DemoContent::slug).forEach(tags::add);
            s.append("pipeline_tag: ").append(slug(task)).append('\n');
            list(s, "datasets", facets.getOrDefault("dataset", List.of()));
        } else {
            list(s, "task_categories", List.of(slug(task)));
            facets.getOrDefault("size", List.of()).forEach(size -> s.append("size_categories:\n  - ").append(size).append('\n'));
            s.append("pretty_name: ").append(title()).append('\n');
        }
        facets.getOrDefault("other", List.of()).stream().map(DemoContent::slug).forEach(tags::add);
        list(s, "tags", tags);
        s.append("---\n\n# ").append(shortName).append("\n\n");
        if (model) {
            s.append("This model performs **").append(task.toLowerCase(Locale.ROOT)).append("**");
            List<String> datasets = facets.getOrDefault("dataset", List.of());
            if (!datasets.isEmpty()) {
                s.append(", trained on ").append(String.join(", ", datasets));
            }
            s.append(".\n\n## How to use\n\n```python\n");
            if (family() == Family.DIFFUSION) {
                s.append("from diffusers import DiffusionPipeline\n\npipe = DiffusionPipeline.from_pretrained(\"").append(name).append("\")\n```\n");
            } else {
                s.append("from transformers import pipeline\n\npipe = pipeline(\"").append(slug(task)).append("\", model=\"")
                        .append(name).append("\")\n```\n");
            }
        } else {
            s.append("A dataset for **").append(task.toLowerCase(Locale.ROOT)).append("**.\n\n## How to use\n\n```python\n")
                    .append("from datasets import load_dataset\n\nds = load_dataset(\"").append(name).append("\")\n```\n");
        }
        if (complete) {
            if (model) {
                s.append("\n## Evaluation\n\n| metric | value |\n|---|---|\n")
                        .append(String.format(Locale.ROOT, "| accuracy | %.3f |%n| f1 | %.3f |%n",
                                0.80 + random.nextDouble() * 0.18, 0.75 + random.nextDouble() * 0.2));
            } else {
                s.append("\n## Dataset structure\n\n`data/` holds the splits `train` and `test`, one example a line.\n");
            }
            s.append("\n## Limitations\n\nReview the outputs before relying on them; they reflect the biases of the training data.\n");
        }
        s.append("\n> Demo content made by Model Library: the files are small stand-ins for the real ones.\n");
        return s.toString();
    }

    private String license() {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.contains("diffusion") || lower.contains("openjourney") || lower.contains("vision_v")) {
            return "creativeml-openrail-m";
        }
        if (lower.contains("llama")) {
            return "llama2";
        }
        return LICENSES[random.nextInt(LICENSES.length)];
    }

    private String title() {
        String[] words = shortName.replace('_', ' ').replace('-', ' ').split(" ");
        StringBuilder t = new StringBuilder();
        for (String w : words) {
            if (!w.isEmpty()) {
                t.append(t.isEmpty() ? "" : " ").append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
            }
        }
        return t.toString();
    }

    private static void list(StringBuilder s, String key, List<String> values) {
        if (!values.isEmpty()) {
            s.append(key).append(":\n");
            values.forEach(v -> s.append("  - ").append(v).append('\n'));
        }
    }

    // ---- model files ----

    private enum Family { ENCODER, DECODER, SEQ2SEQ, SPEECH, VISION, DIFFUSION, OTHER }

    private Family family() {
        return switch (task) {
            case "Text Classification", "Token Classification", "Question Answering", "Zero-Shot Classification",
                 "Fill-Mask", "Sentence Similarity", "Table Question Answering", "Feature Extraction" ->
                    shortName.toLowerCase(Locale.ROOT).contains("dino") ? Family.VISION : Family.ENCODER;
            case "Text Generation", "Conversational" -> Family.DECODER;
            case "Text2Text Generation", "Summarization", "Translation" -> Family.SEQ2SEQ;
            case "Text-to-Speech", "Automatic Speech Recognition", "Audio-to-Audio", "Audio Classification",
                 "Voice Activity Detection" -> Family.SPEECH;
            case "Text-to-Image", "Image-to-Image", "Unconditional Image Generation", "Text-to-Video" -> Family.DIFFUSION;
            case "Image Classification", "Object Detection", "Image Segmentation", "Depth Estimation", "Image-to-Text",
                 "Zero-Shot Image Classification", "Mask Generation", "Visual Question Answering",
                 "Document Question Answering", "Video Classification" -> Family.VISION;
            default -> Family.OTHER;
        };
    }

    private String configName() {
        return family() == Family.DIFFUSION ? "unet/config.json" : "config.json";
    }

    private String weightsPath() {
        return family() == Family.DIFFUSION ? "unet/diffusion_pytorch_model.safetensors" : "model.safetensors";
    }

    private Map<String, Object> config() {
        boolean large = shortName.toLowerCase(Locale.ROOT).contains("large");
        int hidden = large ? 1024 : 768;
        int layers = large ? 24 : 12;
        Map<String, Object> c = new LinkedHashMap<>();
        switch (family()) {
            case ENCODER -> {
                String type = modelType("bert", "roberta", "distilbert", "xlm-roberta", "deberta", "electra", "albert", "minilm", "mpnet", "luke", "camembert");
                c.put("architectures", List.of(camel(type) + head()));
                c.put("model_type", type);
                c.put("hidden_size", hidden);
                c.put("num_hidden_layers", layers);
                c.put("num_attention_heads", hidden / 64);
                c.put("intermediate_size", hidden * 4);
                c.put("max_position_embeddings", 512);
                c.put("vocab_size", 28996 + random.nextInt(30000));
                List<String> labels = labels();
                if (!labels.isEmpty()) {
                    Map<String, String> id2label = new LinkedHashMap<>();
                    Map<String, Integer> label2id = new LinkedHashMap<>();
                    for (int i = 0; i < labels.size(); i++) {
                        id2label.put(String.valueOf(i), labels.get(i));
                        label2id.put(labels.get(i), i);
                    }
                    c.put("id2label", id2label);
                    c.put("label2id", label2id);
                }
            }
            case DECODER -> {
                String type = modelType("gpt2", "llama", "mistral", "qwen2", "bloom", "falcon", "gpt_neo", "chatglm");
                c.put("architectures", List.of(camel(type) + "ForCausalLM"));
                c.put("model_type", type);
                c.put("hidden_size", large ? 4096 : 2048);
                c.put("num_hidden_layers", large ? 32 : 24);
                c.put("num_attention_heads", large ? 32 : 16);
                c.put("max_position_embeddings", 2048 << random.nextInt(3));
                c.put("vocab_size", 32000 + random.nextInt(20000));
                c.put("torch_dtype", "bfloat16");
            }
            case SEQ2SEQ -> {
                String type = modelType("t5", "bart", "pegasus", "marian");
                c.put("architectures", List.of(camel(type) + "ForConditionalGeneration"));
                c.put("model_type", type);
                c.put("d_model", hidden);
                c.put("encoder_layers", layers / 2);
                c.put("decoder_layers", layers / 2);
                c.put("vocab_size", 32128);
            }
            case SPEECH -> {
                String type = modelType("whisper", "wav2vec2", "speecht5");
                c.put("architectures", List.of(camel(type) + (type.equals("whisper") ? "ForConditionalGeneration" : "ForCTC")));
                c.put("model_type", type);
                c.put("d_model", large ? 1280 : 512);
                c.put("num_mel_bins", 80);
                c.put("sampling_rate", 16000);
            }
            case VISION -> {
                String type = modelType("resnet", "vit", "convnext", "detr", "yolos", "segformer", "blip", "clip", "dino");
                c.put("architectures", List.of(camel(type) + head()));
                c.put("model_type", type.equals("dino") ? "vit" : type);
                c.put("image_size", 224);
                c.put("num_channels", 3);
                c.put("hidden_size", hidden);
                List<String> labels = labels();
                if (!labels.isEmpty()) {
                    Map<String, String> id2label = new LinkedHashMap<>();
                    for (int i = 0; i < labels.size(); i++) {
                        id2label.put(String.valueOf(i), labels.get(i));
                    }
                    c.put("id2label", id2label);
                }
            }
            case DIFFUSION -> {
                c.put("_class_name", "UNet2DConditionModel");
                c.put("_diffusers_version", "0.16.0");
                c.put("sample_size", 64);
                c.put("in_channels", task.equals("Image-to-Image") ? 8 : 4);
                c.put("out_channels", 4);
                c.put("block_out_channels", List.of(320, 640, 1280, 1280));
                c.put("cross_attention_dim", 768);
            }
            case OTHER -> {
                c.put("model_type", "custom");
                c.put("task", slug(task));
                c.put("hidden_size", 256);
                c.put("num_layers", 4);
            }
        }
        if (family() != Family.DIFFUSION) {
            c.put("transformers_version", "4.29.0");
        }
        return c;
    }

    /** A tokenizer, preprocessor or scheduler config, as the family has. */
    private void auxiliary(Map<String, byte[]> files) {
        Map<String, Object> c = new LinkedHashMap<>();
        switch (family()) {
            case ENCODER, DECODER, SEQ2SEQ, OTHER -> {
                boolean cased = !shortName.toLowerCase(Locale.ROOT).contains("uncased");
                c.put("do_lower_case", !cased);
                c.put("model_max_length", family() == Family.DECODER ? 2048 : 512);
                c.put("tokenizer_class", camel(family() == Family.DECODER ? "gpt2" : family() == Family.SEQ2SEQ ? "t5" : "bert") + "TokenizerFast");
                c.put("unk_token", family() == Family.ENCODER ? "[UNK]" : "<unk>");
                if (family() == Family.ENCODER) {
                    c.put("cls_token", "[CLS]");
                    c.put("sep_token", "[SEP]");
                    c.put("pad_token", "[PAD]");
                    c.put("mask_token", "[MASK]");
                } else {
                    c.put("bos_token", "<s>");
                    c.put("eos_token", "</s>");
                }
                files.put("tokenizer_config.json", json(c));
            }
            case SPEECH -> {
                c.put("feature_extractor_type", "WhisperFeatureExtractor");
                c.put("feature_size", 80);
                c.put("sampling_rate", 16000);
                c.put("chunk_length", 30);
                c.put("padding_value", 0.0);
                files.put("preprocessor_config.json", json(c));
            }
            case VISION -> {
                c.put("do_resize", true);
                c.put("size", Map.of("height", 224, "width", 224));
                c.put("do_normalize", true);
                c.put("image_mean", List.of(0.485, 0.456, 0.406));
                c.put("image_std", List.of(0.229, 0.224, 0.225));
                c.put("image_processor_type", "ViTImageProcessor");
                files.put("preprocessor_config.json", json(c));
            }
            case DIFFUSION -> {
                c.put("_class_name", "PNDMScheduler");
                c.put("_diffusers_version", "0.16.0");
                c.put("beta_start", 0.00085);
                c.put("beta_end", 0.012);
                c.put("beta_schedule", "scaled_linear");
                c.put("num_train_timesteps", 1000);
                files.put("scheduler/scheduler_config.json", json(c));
                Map<String, Object> index = new LinkedHashMap<>();
                index.put("_class_name", task.equals("Image-to-Image") ? "StableDiffusionInstructPix2PixPipeline" : "StableDiffusionPipeline");
                index.put("_diffusers_version", "0.16.0");
                index.put("scheduler", List.of("diffusers", "PNDMScheduler"));
                index.put("text_encoder", List.of("transformers", "CLIPTextModel"));
                index.put("tokenizer", List.of("transformers", "CLIPTokenizer"));
                index.put("unet", List.of("diffusers", "UNet2DConditionModel"));
                index.put("vae", List.of("diffusers", "AutoencoderKL"));
                files.put("model_index.json", json(index));
            }
        }
    }

    private String head() {
        return switch (task) {
            case "Text Classification", "Zero-Shot Classification" -> "ForSequenceClassification";
            case "Token Classification" -> "ForTokenClassification";
            case "Question Answering", "Table Question Answering" -> "ForQuestionAnswering";
            case "Fill-Mask" -> "ForMaskedLM";
            case "Image Classification", "Zero-Shot Image Classification", "Video Classification" -> "ForImageClassification";
            case "Object Detection" -> "ForObjectDetection";
            case "Image Segmentation", "Mask Generation" -> "ForSemanticSegmentation";
            case "Image-to-Text", "Visual Question Answering", "Document Question Answering" -> "ForConditionalGeneration";
            default -> "Model";
        };
    }

    private List<String> labels() {
        String lower = shortName.toLowerCase(Locale.ROOT);
        return switch (task) {
            case "Token Classification" -> List.of("O", "B-MISC", "I-MISC", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC");
            case "Text Classification" -> lower.contains("sentiment") || random.nextBoolean()
                    ? List.of("negative", "neutral", "positive") : List.of("LABEL_0", "LABEL_1");
            case "Zero-Shot Classification" -> List.of("entailment", "neutral", "contradiction");
            case "Image Classification" -> List.of("tench", "goldfish", "great white shark", "tiger shark", "hammerhead");
            default -> List.of();
        };
    }

    /** The first of {@code types} the name mentions; else the first. */
    private String modelType(String... types) {
        String lower = shortName.toLowerCase(Locale.ROOT).replace('_', '-');
        String found = null;
        for (String type : types) {
            if (lower.contains(type.replace('_', '-')) && (found == null || type.length() > found.length())) {
                found = type;
            }
        }
        return found != null ? found : types[0];
    }

    /** A tiny but valid safetensors file: a few float32 tensors named as in a real checkpoint. */
    private byte[] safetensors() {
        int rows = 4 + random.nextInt(5);
        int cols = 8;
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("__metadata__", Map.of("format", "pt"));
        header.put("classifier.bias", Map.of("dtype", "F32", "shape", List.of(rows), "data_offsets", List.of(0, rows * 4)));
        header.put("classifier.weight", Map.of("dtype", "F32", "shape", List.of(rows, cols),
                "data_offsets", List.of(rows * 4, rows * 4 + rows * cols * 4)));
        byte[] head = COMPACT.writeValueAsBytes(header);
        int padded = (head.length + 7) / 8 * 8;
        ByteBuffer buffer = ByteBuffer.allocate(8 + padded + rows * 4 * (cols + 1)).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(padded).put(head);
        for (int i = head.length; i < padded; i++) {
            buffer.put((byte) ' ');
        }
        for (int i = 0; i < rows * (cols + 1); i++) {
            buffer.putFloat((float) (random.nextGaussian() * 0.02));
        }
        return buffer.array();
    }

    // ---- dataset files ----

    /** The train split (every example but the last) or the test split (the last). */
    private String rows(String ext, boolean train) {
        String[][] examples = examples();
        String[] columns = examples[0];
        StringBuilder s = new StringBuilder();
        if (ext.equals("csv")) {
            s.append(String.join(",", columns)).append('\n');
        }
        int from = train ? 1 : examples.length - 1;
        int to = train ? examples.length - 1 : examples.length;
        for (int i = from; i < to; i++) {
            String[] row = examples[i];
            if (ext.equals("csv")) {
                List<String> cells = new ArrayList<>();
                for (String cell : row) {
                    cells.add(cell.contains(",") || cell.contains("\"") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
                }
                s.append(String.join(",", cells)).append('\n');
            } else {
                Map<String, Object> line = new LinkedHashMap<>();
                for (int c = 0; c < columns.length; c++) {
                    line.put(columns[c], row[c]);
                }
                s.append(COMPACT.writeValueAsString(line)).append('\n');
            }
        }
        return s.toString();
    }

    private String[][] examples() {
        return switch (task) {
            case "Question Answering", "Table Question Answering", "Visual Question Answering" -> new String[][]{
                    {"question", "context", "answer"},
                    {"Where is the Eiffel Tower?", "The Eiffel Tower is a tower in Paris, France.", "Paris"},
                    {"Who wrote Hamlet?", "Hamlet is a tragedy written by William Shakespeare.", "William Shakespeare"},
                    {"How many legs does a spider have?", "Spiders are arachnids with eight legs.", "eight"}};
            case "Translation" -> new String[][]{
                    {"en", "de"}, {"Good morning.", "Guten Morgen."}, {"Where is the station?", "Wo ist der Bahnhof?"},
                    {"The weather is nice today.", "Das Wetter ist heute schön."}};
            case "Summarization" -> new String[][]{
                    {"document", "summary"},
                    {"The city council voted on Tuesday to expand the bike lane network by 40 kilometres over five years.", "Council approves bike lane expansion."},
                    {"Researchers found that the new battery keeps 90 percent of its capacity after 2,000 charge cycles.", "New battery lasts 2,000 cycles."}};
            case "Token Classification" -> new String[][]{
                    {"tokens", "ner_tags"}, {"Angela Merkel visited Paris", "B-PER I-PER O B-LOC"},
                    {"Apple opened a store in Berlin", "B-ORG O O O O B-LOC"}, {"The river is calm", "O O O O"}};
            case "Automatic Speech Recognition", "Audio Classification", "Text-to-Speech" -> new String[][]{
                    {"file", "sentence"}, {"clips/0001.wav", "the quick brown fox jumps over the lazy dog"},
                    {"clips/0002.wav", "she sells sea shells by the sea shore"}, {"clips/0003.wav", "please call stella"}};
            case "Image Classification", "Object Detection", "Image Segmentation", "Image-to-Text", "Text-to-Image",
                 "Depth Estimation", "Video Classification" -> new String[][]{
                    {"image", "label"}, {"images/00001.jpg", "cat"}, {"images/00002.jpg", "dog"}, {"images/00003.jpg", "bird"}};
            case "Text Generation", "Conversational", "Fill-Mask" -> new String[][]{
                    {"instruction", "response"},
                    {"Give three tips for staying healthy.", "Eat a balanced diet, exercise regularly and sleep enough."},
                    {"Name the capital of Japan.", "The capital of Japan is Tokyo."},
                    {"Write a haiku about rain.", "Soft rain on the roof / the garden drinks in silence / puddles hold the sky"}};
            case "Tabular Classification", "Tabular Regression", "Time Series Forecasting" -> new String[][]{
                    {"feature_a", "feature_b", "feature_c", "target"}, {"5.1", "3.5", "1.4", "0"}, {"6.2", "2.9", "4.3", "1"},
                    {"7.7", "3.0", "6.1", "2"}};
            default -> new String[][]{
                    {"text", "label"}, {"I loved this film, the acting was superb.", "positive"},
                    {"The service was slow and the food was cold.", "negative"}, {"It was fine, nothing special.", "neutral"},
                    {"Absolutely wonderful experience!", "positive"}};
        };
    }

    // ---- helpers ----

    private static String languageCode(String language) {
        for (String[] pair : LANGUAGE_CODES) {
            if (pair[0].equalsIgnoreCase(language)) {
                return pair[1];
            }
        }
        return slug(language);
    }

    /** {@code Text Classification} to {@code text-classification}, as the Hub spells tags. */
    static String slug(String label) {
        return label.toLowerCase(Locale.ROOT).replace(' ', '-').replace("_", "-");
    }

    /** {@code a}, {@code a and b}, {@code a, b and c}. */
    private static String enumerate(List<String> items) {
        return items.size() <= 1 ? String.join("", items)
                : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private static String camel(String type) {
        StringBuilder s = new StringBuilder();
        for (String part : type.split("[-_]")) {
            if (!part.isEmpty()) {
                s.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return s.toString();
    }

    private static byte[] json(Object value) {
        return (PRETTY.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
