package io.modellibrary.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The curated labels every catalogue starts with, in the spirit of Hugging Face's. They
 * are written to MongoDB on first start ({@link LabelService}); operators may add more
 * there. Order is display order.
 */
public final class Taxonomy {

    private Taxonomy() {
    }

    public static Map<String, List<String>> of(RepoType type) {
        return type == RepoType.MODEL ? MODEL : DATASET;
    }

    private static final List<String> LANGUAGES = List.of(
            "English", "Chinese", "Spanish", "French", "German", "Japanese", "Korean", "Russian",
            "Portuguese", "Italian", "Dutch", "Arabic", "Hindi", "Bengali", "Urdu", "Turkish",
            "Vietnamese", "Thai", "Indonesian", "Malay", "Persian", "Polish", "Ukrainian", "Czech",
            "Swedish", "Danish", "Norwegian", "Finnish", "Estonian", "Latvian", "Lithuanian",
            "Greek", "Hebrew", "Hungarian", "Romanian", "Bulgarian", "Serbian", "Croatian",
            "Slovak", "Slovenian", "Catalan", "Basque", "Tamil", "Telugu", "Marathi", "Gujarati",
            "Swahili", "Yoruba", "Amharic", "Filipino", "Multilingual");

    private static final Map<String, List<String>> MODEL = ordered(
            "task", List.of(
                    "Text Classification", "Token Classification", "Table Question Answering",
                    "Question Answering", "Zero-Shot Classification", "Translation", "Summarization",
                    "Conversational", "Text Generation", "Text2Text Generation", "Fill-Mask",
                    "Sentence Similarity", "Feature Extraction", "Text-to-Speech",
                    "Automatic Speech Recognition", "Audio-to-Audio", "Audio Classification",
                    "Voice Activity Detection", "Depth Estimation", "Image Classification",
                    "Object Detection", "Image Segmentation", "Text-to-Image", "Image-to-Text",
                    "Image-to-Image", "Unconditional Image Generation", "Video Classification",
                    "Text-to-Video", "Zero-Shot Image Classification", "Mask Generation",
                    "Visual Question Answering", "Document Question Answering",
                    "Tabular Classification", "Tabular Regression", "Reinforcement Learning",
                    "Robotics", "Graph Machine Learning", "Time Series Forecasting",
                    "Text-to-3D", "Image-to-3D"),
            "library", List.of(
                    "PyTorch", "TensorFlow", "JAX", "Transformers", "Safetensors", "ONNX",
                    "Diffusers", "Sentence Transformers", "PEFT", "Timm", "Keras", "TF Lite",
                    "Adapter Transformers", "Flair", "spaCy", "ESPnet", "Transformers.js",
                    "fastai", "Stable-Baselines3", "ML-Agents", "SpanMarker", "Rust",
                    "PaddlePaddle", "OpenCLIP", "Stanza", "NeMo", "GGUF", "MLX", "scikit-learn",
                    "Core ML", "Asteroid", "SpeechBrain"),
            "dataset", List.of(
                    "wikipedia", "mozilla-foundation/common_voice_11_0", "conll2003", "clinc_oos",
                    "wmt16", "universal_dependencies", "sst2", "billsum", "snli",
                    "amazon_reviews_multi", "squad", "squad_v2", "glue", "imdb", "bookcorpus",
                    "c4", "openwebtext", "the_pile", "laion/laion2B-en", "imagenet-1k", "cifar10",
                    "mnist", "coco", "librispeech_asr", "xnli", "cnn_dailymail", "xsum",
                    "multi_nli", "emotion", "tweet_eval", "oscar"),
            "language", LANGUAGES,
            "other", List.of(
                    "Carbon Emissions", "Eval Results", "Has a Space", "AutoTrain Compatible",
                    "Inference Endpoints", "text-generation-inference", "Merge", "4-bit precision",
                    "8-bit precision", "Mixture of Experts", "custom_code"));

    private static final Map<String, List<String>> DATASET = ordered(
            "task", List.of(
                    "Text Classification", "Token Classification", "Question Answering",
                    "Translation", "Summarization", "Text Generation", "Fill-Mask",
                    "Sentence Similarity", "Conversational", "Table Question Answering",
                    "Zero-Shot Classification", "Automatic Speech Recognition",
                    "Audio Classification", "Text-to-Speech", "Image Classification",
                    "Object Detection", "Image Segmentation", "Text-to-Image", "Image-to-Text",
                    "Visual Question Answering", "Video Classification", "Tabular Classification",
                    "Tabular Regression", "Time Series Forecasting", "Reinforcement Learning",
                    "Robotics", "Feature Extraction", "Multiple Choice", "Text Retrieval",
                    "Depth Estimation"),
            "size", List.of(
                    "n<1K", "1K<n<10K", "10K<n<100K", "100K<n<1M", "1M<n<10M", "10M<n<100M",
                    "100M<n<1B", "1B<n<10B", "10B<n<100B", "100B<n<1T", "n>1T"),
            "language", LANGUAGES,
            "other", List.of(
                    "Croissant", "Synthetic", "Parquet", "Image", "Audio", "Text", "Tabular",
                    "Video", "Multimodal", "Gated", "Benchmark"));

    private static Map<String, List<String>> ordered(Object... pairs) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> labels = (List<String>) pairs[i + 1];
            map.put((String) pairs[i], labels);
        }
        return map;
    }
}
