package io.modellibrary.demo;

import io.modellibrary.catalog.Repo;
import io.modellibrary.catalog.RepoType;
import io.modellibrary.catalog.Taxonomy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates the demo repositories: the 30 models of the seed API's list example (docs/http-contract.md#the-seed-api) with their download
 * counts and dates, then plausible Hugging-Face-style names. A fixed seed makes every
 * first start produce the same catalogue.
 */
final class DemoRepos {

    static final int MODELS = 330;
    static final int DATASETS = 120;
    static final String AVATAR = "/images/defaultAvatar.png";

    /** The seed's models: name, downloads, last change (UTC). */
    private static final String[][] SEED_MODELS = {
            {"dslim/bert-base-NER", "717311", "2023/5/9 16:37"},
            {"dslim/bert-base-NER-uncased", "511441", "2023/5/9 16:37"},
            {"shibing624/text2vec-base-chinese", "821040", "2023/5/8 7:10"},
            {"microsoft/resnet-18", "591145", "2023/5/8 11:19"},
            {"hustvl/yolos-tiny", "748506", "2023/5/5 8:23"},
            {"deepset/minilm-uncased-squad2", "276290", "2023/5/5 7:22"},
            {"openai/whisper-base", "338397", "2023/5/5 14:19"},
            {"runwayml/stable-diffusion-v1-5", "222465", "2023/5/5 10:38"},
            {"entropy/roberta_zinc_480m", "421469", "2023/5/4 23:10"},
            {"dslim/bert-large-NER", "880584", "2023/5/2 18:47"},
            {"SG161222/Realistic_Vision_V1.4", "221113", "2023/5/2 14:39"},
            {"CompVis/stable-diffusion-v1-4", "507186", "2023/5/16 9:08"},
            {"Salesforce/blip-image-captioning-base", "376346", "2023/5/16 8:29"},
            {"Salesforce/blip-image-captioning-large", "100962", "2023/5/16 8:29"},
            {"pyannote/segmentation", "390389", "2023/5/16 14:44"},
            {"THUDM/chatglm-6b", "690390", "2023/5/15 4:06"},
            {"stabilityai/stable-diffusion-2-inpainting", "620430", "2023/5/15 22:41"},
            {"stabilityai/stable-diffusion-2", "71827", "2023/5/15 22:41"},
            {"runwayml/stable-diffusion-inpainting", "391024", "2023/5/15 22:39"},
            {"prompthero/openjourney", "901787", "2023/5/15 22:39"},
            {"timbrooks/instruct-pix2pix", "424873", "2023/5/15 22:38"},
            {"stabilityai/stable-diffusion-2-1", "800028", "2023/5/15 22:37"},
            {"stabilityai/stable-diffusion-2-1-base", "596160", "2023/5/15 22:34"},
            {"BaptisteDoyen/camembert-base-xnli", "770657", "2023/5/13 17:00"},
            {"bigcode/santacoder", "625608", "2023/5/12 8:50"},
            {"cardiffnlp/twitter-xlm-roberta-base-sentiment", "539915", "2023/5/12 5:21"},
            {"Mizuiro-sakura/luke-japanese-base-finetuned-ner", "134488", "2023/5/12 0:36"},
            {"bigscience/bloom-560m", "743450", "2023/5/11 21:15"},
            {"facebook/dino-vitb16", "306621", "2023/5/10 16:23"},
            {"lllyasviel/sd-controlnet-canny", "670944", "2023/5/1 19:33"},
    };

    /** Name words and the task they suggest, for the seed models and generated ones alike. */
    private static final String[][] TASK_HINTS = {
            {"ner", "Token Classification"}, {"diffusion", "Text-to-Image"}, {"openjourney", "Text-to-Image"},
            {"vision", "Text-to-Image"}, {"controlnet", "Text-to-Image"}, {"pix2pix", "Image-to-Image"},
            {"whisper", "Automatic Speech Recognition"}, {"wav2vec", "Automatic Speech Recognition"},
            {"resnet", "Image Classification"}, {"vit", "Image Classification"}, {"convnext", "Image Classification"},
            {"yolo", "Object Detection"}, {"detr", "Object Detection"}, {"squad", "Question Answering"},
            {"blip", "Image-to-Text"}, {"segment", "Image Segmentation"}, {"sentiment", "Text Classification"},
            {"xnli", "Zero-Shot Classification"}, {"coder", "Text Generation"}, {"glm", "Text Generation"},
            {"bloom", "Text Generation"}, {"llama", "Text Generation"}, {"gpt", "Text Generation"},
            {"t5", "Text2Text Generation"}, {"bart", "Summarization"}, {"opus-mt", "Translation"},
            {"text2vec", "Sentence Similarity"}, {"minilm", "Sentence Similarity"}, {"dino", "Feature Extraction"},
            {"bert", "Fill-Mask"}, {"roberta", "Fill-Mask"}, {"tts", "Text-to-Speech"},
    };

    private static final String[] ORGS = {
            "google", "facebook", "microsoft", "openai", "stabilityai", "mistralai", "meta-llama",
            "EleutherAI", "bigscience", "sentence-transformers", "distilbert", "allenai", "nvidia",
            "Helsinki-NLP", "deepset", "hfl", "uer", "intfloat", "BAAI", "Qwen", "tiiuae", "laion",
            "ai4bharat", "csebuetnlp", "cl-tohoku", "dbmdz", "nlpaueb", "emilyalsentzer", "jonatasgrosman",
            "speechbrain", "timm", "apple", "ibm-granite", "HuggingFaceH4", "TheBloke"};

    private static final String[] MODEL_BASES = {
            "bert-base-uncased", "bert-large-cased", "roberta-base", "roberta-large", "distilbert-base-uncased",
            "xlm-roberta-base", "deberta-v3-base", "electra-small-discriminator", "albert-base-v2",
            "t5-small", "t5-base", "flan-t5-large", "bart-large-cnn", "pegasus-xsum", "gpt2", "gpt2-medium",
            "gpt-neo-1.3B", "llama-2-7b", "llama-3-8b-instruct", "mistral-7b-instruct", "qwen2-1.5b",
            "falcon-7b", "bloom-1b7", "opus-mt-en-de", "opus-mt-zh-en", "whisper-small", "whisper-large-v3",
            "wav2vec2-base-960h", "vit-base-patch16-224", "convnext-tiny-224", "resnet-50", "detr-resnet-50",
            "yolos-small", "segformer-b0", "clip-vit-base-patch32", "blip2-opt-2.7b", "all-MiniLM-L6-v2",
            "all-mpnet-base-v2", "e5-large-v2", "bge-base-en", "speecht5_tts", "stable-diffusion-xl-base"};

    private static final String[] VARIANTS = {"", "-finetuned-squad", "-finetuned-ner", "-sentiment", "-v2",
            "-onnx", "-gguf", "-int8", "-distilled", "-chinese", "-multilingual", "-summarize", "-instruct"};

    private static final String[] DATASET_BASES = {
            "squad", "glue", "imdb", "wikitext", "openwebtext", "common_voice", "librispeech", "coco-captions",
            "cifar100", "mnist", "fashion_mnist", "xsum", "cnn_dailymail", "multi_nli", "snli", "emotion",
            "tweet_eval", "ag_news", "yelp_review_full", "amazon_polarity", "conll2003", "wikiann", "xnli",
            "oscar", "c4", "the_stack", "alpaca", "dolly-15k", "ultrachat", "openassistant-guanaco",
            "gsm8k", "mmlu", "hellaswag", "arc", "truthful_qa", "humaneval", "mbpp", "food101", "beans",
            "ade20k", "cityscapes", "voxpopuli", "fleurs", "opus100", "wmt19", "billsum", "samsum"};

    private final RepoType type;
    private final Random random = new Random(20230509L);
    private final Map<String, List<String>> taxonomy;
    private final Instant newest = Instant.parse("2026-11-01T12:00:00Z");

    DemoRepos(RepoType type) {
        this.type = type;
        this.taxonomy = Taxonomy.of(type);
    }

    List<Repo> generate(int count) {
        List<Repo> repos = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        if (type == RepoType.MODEL) {
            for (String[] seed : SEED_MODELS) {
                names.add(seed[0].toLowerCase(java.util.Locale.ROOT));
                repos.add(repo(seed[0], Long.parseLong(seed[1]), seedTime(seed[2])));
            }
        }
        while (repos.size() < count) {
            String name = nextName();
            if (names.add(name.toLowerCase(java.util.Locale.ROOT))) {
                Instant when = newest.minus(Duration.ofMinutes(random.nextInt(3 * 365 * 24 * 60)));
                repos.add(repo(name, downloads(), when));
            }
        }
        return repos;
    }

    private String nextName() {
        String org = ORGS[random.nextInt(ORGS.length)];
        if (type == RepoType.DATASET) {
            String base = DATASET_BASES[random.nextInt(DATASET_BASES.length)];
            return random.nextInt(4) == 0 ? base : org + "/" + base + (random.nextBoolean() ? "" : "-" + (2019 + random.nextInt(7)));
        }
        String base = MODEL_BASES[random.nextInt(MODEL_BASES.length)];
        return org + "/" + base + VARIANTS[random.nextInt(VARIANTS.length)];
    }

    private long downloads() {
        // Long-tailed like a real hub: most repositories are small, a few are huge.
        return (long) Math.floor(Math.pow(random.nextDouble(), 4) * 2_000_000);
    }

    private Repo repo(String name, long downloads, Instant lastModified) {
        String namespace = name.contains("/") ? name.substring(0, name.indexOf('/')) : "demo";
        Repo repo = new Repo(type, name, namespace, namespace, AVATAR);
        repo.setFacets(facets(name));
        repo.setDownloads(downloads);
        repo.setLikes(downloads / (50 + random.nextInt(400)));
        repo.touch(lastModified.minus(Duration.ofDays(30 + random.nextInt(400))), "create " + name);
        repo.touch(lastModified, random.nextBoolean() ? (type == RepoType.MODEL ? "Upload model weights" : "Upload data files")
                : "Update README.md");
        return repo;
    }

    private Map<String, List<String>> facets(String name) {
        Map<String, List<String>> facets = new LinkedHashMap<>();
        for (String facet : type.facets()) {
            facets.put(facet, pick(facet, name));
        }
        return facets;
    }

    private List<String> pick(String facet, String name) {
        List<String> labels = taxonomy.get(facet);
        if (facet.equals("task")) {
            String hinted = taskHint(name);
            return List.of(hinted != null && labels.contains(hinted) ? hinted : labels.get(random.nextInt(labels.size())));
        }
        int count = switch (facet) {
            case "size" -> 1;
            case "library", "language" -> 1 + random.nextInt(3);
            default -> random.nextInt(3);
        };
        Set<String> chosen = new LinkedHashSet<>();
        // The front of each list holds the common labels; favour them as real catalogues do.
        while (chosen.size() < count) {
            int bound = random.nextInt(3) == 0 ? labels.size() : Math.min(8, labels.size());
            chosen.add(labels.get(random.nextInt(bound)));
        }
        return List.copyOf(chosen);
    }

    private static String taskHint(String name) {
        String lower = name.toLowerCase();
        for (String[] hint : TASK_HINTS) {
            if (lower.contains(hint[0])) {
                return hint[1];
            }
        }
        return null;
    }

    private static Instant seedTime(String text) {
        return LocalDateTime.parse(text, DateTimeFormatter.ofPattern("yyyy/M/d H:mm")).toInstant(ZoneOffset.UTC);
    }
}
