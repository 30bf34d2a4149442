import { pictureSources, type RenderableImage } from "@/lib/images/picture";

interface ResponsivePictureProps {
  image: RenderableImage;
  /** How wide the picture is drawn, for the browser to pick a file (the `sizes` attribute). */
  sizes: string;
  className?: string;
  /** The page's main picture: loaded at once and first (it is the largest thing on screen). */
  priority?: boolean;
}

/** An uploaded image as a `<picture>`: WebP for browsers that take it, JPEG or PNG otherwise, each in every width. */
export function ResponsivePicture({ image, sizes, className, priority = false }: ResponsivePictureProps) {
  const { sources, img } = pictureSources(image);
  return (
    <picture>
      {sources.map((source) => (
        <source key={source.type} type={source.type} srcSet={source.srcSet} sizes={sizes} />
      ))}
      <img
        src={img.src}
        srcSet={img.srcSet}
        sizes={sizes}
        width={img.width}
        height={img.height}
        alt={image.altText}
        className={className}
        loading={priority ? "eager" : "lazy"}
        fetchPriority={priority ? "high" : undefined}
        decoding="async"
      />
    </picture>
  );
}
